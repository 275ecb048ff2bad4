package org.instancecap.core.video;

/**
 * Receives frames as the decoder produces them, so a caller never has to hold a whole video.
 * Frames arrive in index order; the image belongs to the sink.
 */
public interface FrameSink {
    /**
     * Called before the frames of one decoding pass. A reader that finds fewer frames than the
     * container promised starts one more pass with corrected indices: a sink then drops what it
     * received before.
     */
    default void begin(VideoInfo info, int[] indices) {
    }

    void accept(SampledFrame frame);
}
