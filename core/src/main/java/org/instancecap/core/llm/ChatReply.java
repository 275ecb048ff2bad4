package org.instancecap.core.llm;

/**
 * A model's answer and what it cost.
 *
 * @param usage the server's token counts, or null when the server returned none
 */
public record ChatReply(String text, TokenUsage usage) {
}
