package org.instancecap.core.video;

/**
 * What a probe learns about a video.
 *
 * @param path            the file as given
 * @param durationSeconds duration of the video stream
 * @param fps             average frames per second
 * @param frameCount      decodable frames, counted by decoding where the container does not state it
 * @param width           width as displayed, after {@code rotation}
 * @param height          height as displayed, after {@code rotation}
 * @param rotation        display rotation from the container, counter-clockwise degrees in {0, 90, 180, 270}
 *                        (the value ffprobe prints as {@code rotation})
 * @param videoCodec      FFmpeg's short codec name, such as {@code h264}
 * @param hasAudio        whether an audio stream is present
 */
public record VideoInfo(String path, double durationSeconds, double fps, int frameCount, int width,
                        int height, int rotation, String videoCodec, boolean hasAudio) {
    public VideoInfo {
        if (!(durationSeconds >= 0)) {
            throw new IllegalArgumentException("durationSeconds must be >= 0, got " + durationSeconds);
        }
        if (!(fps > 0)) {
            throw new IllegalArgumentException("fps must be > 0, got " + fps);
        }
        if (frameCount < 1) {
            throw new IllegalArgumentException("frameCount must be >= 1, got " + frameCount);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
        if (rotation % 90 != 0 || rotation < 0 || rotation >= 360) {
            throw new IllegalArgumentException("rotation must be 0, 90, 180 or 270, got " + rotation);
        }
    }

    /** The same facts of the file at {@code other} (a copy's original). */
    public VideoInfo withPath(String other) {
        return new VideoInfo(other, durationSeconds, fps, frameCount, width, height, rotation, videoCodec, hasAudio);
    }

    /** Seconds from the start of the video to frame {@code index}. */
    public double timeOf(int index) {
        return index / fps;
    }
}
