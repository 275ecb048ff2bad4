package org.instancecap.core.render;

/**
 * One record as one paragraph.
 *
 * @param tokens  the paragraph's count by {@code counter}
 * @param budget  the most tokens allowed, {@link Integer#MAX_VALUE} for none
 * @param dropped sentences of the record left out to fit the budget
 * @param writer  {@code rules}, or {@code llm:<model>} when a model wrote it within the budget
 */
public record RenderedParagraph(String video, String text, int tokens, int budget, String counter, int dropped, String writer) {
}
