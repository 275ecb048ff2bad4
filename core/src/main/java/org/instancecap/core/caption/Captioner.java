package org.instancecap.core.caption;

import org.instancecap.core.amc.AuxiliaryModelCluster;

/** Writes the structured caption of a video from what the auxiliary model cluster found. */
public interface Captioner extends AutoCloseable {

    StructuredCaption caption(AuxiliaryModelCluster.Analysis analysis);

    /** What wrote the captions, for the record's provenance ({@code mllm:<model>}, {@code offline}). */
    String name();

    @Override
    default void close() {
    }
}
