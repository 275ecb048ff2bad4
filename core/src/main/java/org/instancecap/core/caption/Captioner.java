package org.instancecap.core.caption;

import org.instancecap.core.amc.AuxiliaryModelCluster;

/** Writes the structured caption of a video from what the auxiliary model cluster found. */
public interface Captioner extends AutoCloseable {

    StructuredCaption caption(AuxiliaryModelCluster.Analysis analysis);

    /**
     * A caption with the fields that fell back to another captioner's text because the model's answer
     * was unusable twice, named as in the record ({@code Global Description},
     * {@code Main Instance.No.0.Appearance}, {@code Background Detail}...); never part of the caption text.
     */
    record Captioned(StructuredCaption caption, java.util.List<String> fallbacks) {
        public Captioned {
            fallbacks = java.util.List.copyOf(fallbacks);
        }
    }

    /** The caption and its fallbacks; none by default. */
    default Captioned captionWithFallbacks(AuxiliaryModelCluster.Analysis analysis) {
        return new Captioned(caption(analysis), java.util.List.of());
    }

    /** What wrote the captions, for the record's provenance ({@code mllm:<model>}, {@code offline}). */
    String name();

    @Override
    default void close() {
    }
}
