package org.instancecap.core.scene;

/**
 * A run of frames between two cuts.
 *
 * @param startFrame   first frame of the shot, 0-based
 * @param endFrame     last frame of the shot, inclusive
 * @param startSeconds time at which the shot starts ({@code startFrame / fps})
 * @param endSeconds   time at which the shot ends ({@code (endFrame + 1) / fps})
 */
public record Shot(int startFrame, int endFrame, double startSeconds, double endSeconds) {
    public Shot {
        if (startFrame < 0 || endFrame < startFrame) {
            throw new IllegalArgumentException("shot frames must satisfy 0 <= start <= end, got " + startFrame + ".." + endFrame);
        }
    }

    public int frameCount() {
        return endFrame - startFrame + 1;
    }

    static Shot of(int startFrame, int endFrame, double fps) {
        return new Shot(startFrame, endFrame, startFrame / fps, (endFrame + 1) / fps);
    }
}
