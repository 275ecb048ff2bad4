package org.instancecap.core.llm;

/** Tokens a server counted for one or more requests: what it read (prompt) and what it wrote (completion). */
public record TokenUsage(long prompt, long completion) {

    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        if (prompt < 0 || completion < 0) {
            throw new IllegalArgumentException("token counts must be >= 0, got prompt " + prompt + ", completion " + completion);
        }
    }

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(prompt + other.prompt, completion + other.completion);
    }
}
