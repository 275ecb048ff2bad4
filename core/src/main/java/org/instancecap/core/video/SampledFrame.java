package org.instancecap.core.video;

/**
 * One decoded frame of a video.
 *
 * @param index       0-based position among the decoded frames, in presentation order
 * @param timeSeconds {@code index / fps}
 * @param image       the picture as displayed (rotation applied)
 */
public record SampledFrame(int index, double timeSeconds, RgbImage image) {
    public SampledFrame {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
    }
}
