package org.instancecap.core.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What became of one video in the pipeline: its record, or the stage it failed in and why. */
public sealed interface VideoResult {

    /** The video's id, as in its record or error. */
    String id();

    /** The record, and the seconds the cluster and the captioner took on it. */
    record Success(String id, ObjectNode record, double amcSeconds, double captionSeconds) implements VideoResult {
    }

    /**
     * @param stage  {@code decode} (the file cannot be read as a video), {@code amc} or {@code caption}
     * @param reason in words, for the error record
     * @param cause  the exception, for a stack trace on demand
     */
    record Failure(String id, String stage, String reason, Throwable cause) implements VideoResult {
        public ObjectNode toJson() {
            return CaptionRecord.failure(id, stage, reason);
        }
    }
}
