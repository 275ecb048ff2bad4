package org.instancecap.core.render;

import java.util.Locale;

/**
 * The text budgets of the models a paragraph is written for, in T5 tokens with the end-of-sequence
 * token (their text encoder truncates the rest).
 */
public enum RenderTarget {
    /** CogVideoX-2B/5B: T5-XXL, 226 tokens. */
    COGVIDEOX(226),
    /** Open-Sora 1.0–1.2: T5-XXL with a 300-token limit (Open-Sora 2.0 reads 512: use --max-tokens 512). */
    OPENSORA(300),
    /** No model's limit: the whole record, unless a budget is given. */
    PLAIN(Integer.MAX_VALUE);

    private final int budget;

    RenderTarget(int budget) {
        this.budget = budget;
    }

    public int budget() {
        return budget;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
