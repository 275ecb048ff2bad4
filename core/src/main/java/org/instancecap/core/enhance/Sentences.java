package org.instancecap.core.enhance;

import java.util.List;
import java.util.regex.Pattern;

/** Sentence splitting good enough for generated captions: a stop, space, then a capital or a quote. */
public final class Sentences {

    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?][\"”’)]?)\\s+(?=[\"“(]?[A-Z0-9])");

    private Sentences() {
    }

    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(BOUNDARY.split(text.strip().replaceAll("\\s+", " ")));
    }

    /** The first sentence, ending with a stop. */
    public static String first(String text) {
        List<String> sentences = split(text);
        return sentences.isEmpty() ? text : asSentence(sentences.get(0));
    }

    /** {@code text} with a capital first letter and a final stop. */
    public static String asSentence(String text) {
        String s = text.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            return s;
        }
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return s.matches("(?s).*[.!?][\"”’)]?$") ? s : s + ".";
    }
}
