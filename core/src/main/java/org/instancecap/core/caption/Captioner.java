package org.instancecap.core.caption;

import org.instancecap.core.amc.VideoAnalysis;

/**
 * Writes the structured caption of a video from what the auxiliary model cluster found.
 * Implementations are thread-safe: one captioner serves every video of a run at once.
 */
public interface Captioner extends AutoCloseable {

    StructuredCaption caption(VideoAnalysis analysis);

    /**
     * A caption with the fields that fell back to another captioner's text because the model's answer
     * was unusable twice, named as in the record ({@code Global Description},
     * {@code Main Instance.No.0.Appearance}, {@code Background Detail}...); never part of the caption text.
     * {@code tokens}: what the server counted for this video's questions, or null when nothing was counted.
     */
    record Captioned(StructuredCaption caption, java.util.List<String> fallbacks, org.instancecap.core.llm.TokenUsage tokens) {
        public Captioned {
            fallbacks = java.util.List.copyOf(fallbacks);
        }

        /** A caption that cost no model tokens (or whose tokens nobody counted). */
        public Captioned(StructuredCaption caption, java.util.List<String> fallbacks) {
            this(caption, fallbacks, null);
        }
    }

    /** The caption and its fallbacks; none by default. */
    default Captioned captionWithFallbacks(VideoAnalysis analysis) {
        return new Captioned(caption(analysis), java.util.List.of());
    }

    /** What wrote the captions, for the record's provenance ({@code mllm:<model>}, {@code offline}). */
    String name();

    /**
     * The analyses of its own the captions are written from, for the record's provenance, so that
     * records from machines with and without an optional tool (tesseract) can be told apart; none by default.
     */
    default java.util.List<String> analyses() {
        return java.util.List.of();
    }

    @Override
    default void close() {
    }
}
