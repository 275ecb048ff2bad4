package org.instancecap.core.render;

/** Counts the tokens a text encoder reads for a text, its end-of-sequence token included. */
public interface TokenCounter {

    int count(String text);

    /** How the count is made, for the output ({@code t5-approx}, {@code unigram:<file>}). */
    String name();
}
