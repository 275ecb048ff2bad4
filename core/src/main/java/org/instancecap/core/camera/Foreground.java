package org.instancecap.core.camera;

/**
 * Where the moving instances are, so that camera motion is measured on the background only
 * (a person walking past a fixed camera is not a pan).
 */
@FunctionalInterface
public interface Foreground {
    Foreground NONE = (frameIndex, x, y) -> false;

    /** Whether point (x, y), normalised to [0, 1]² of the frame, lies on an instance in frame {@code frameIndex}. */
    boolean covers(int frameIndex, double x, double y);
}
