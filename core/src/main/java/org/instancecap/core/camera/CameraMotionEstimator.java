package org.instancecap.core.camera;

import org.instancecap.core.video.SampledFrame;

/**
 * Measures camera motion from every frame of a clip. Frames are fed in order (all of them, at one
 * reduced size such as 320 px wide); the estimate can then be asked for with the foreground to leave
 * out, which may be known only after the frames were fed. A frame whose index is not after the
 * previous one starts the clip over, as when a reader begins a second decoding pass (see
 * {@link org.instancecap.core.video.FrameSink#begin}). Not thread-safe; one estimator per clip.
 */
public interface CameraMotionEstimator extends AutoCloseable {

    /** Takes the next frame of the clip. */
    void accept(SampledFrame frame);

    /** The camera motion over the frames fed so far, measured on points off the foreground. */
    CameraMotion estimate(double fps, Foreground foreground);

    @Override
    default void close() {
    }
}
