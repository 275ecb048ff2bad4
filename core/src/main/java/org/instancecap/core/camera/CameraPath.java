package org.instancecap.core.camera;

import java.util.List;

/**
 * How the background content moved through a clip, one similarity transform per pair of
 * consecutive frames, as a camera-motion estimator measured it.
 *
 * @param width  width of the analysed frames, pixels (the transforms are in these pixels)
 * @param height height of the analysed frames, pixels
 * @param fps    frames per second of the clip
 * @param steps  for each consecutive frame pair, the transform that carries content of the earlier
 *               frame onto the later one; a step that could not be measured holds the estimator's
 *               best guess (the previous step, or identity at the start)
 * @param lost   how many of the steps could not be measured (too few background points agreeing)
 */
public record CameraPath(int width, int height, double fps, List<Similarity> steps, int lost) {
    public CameraPath {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("fps must be > 0, got " + fps);
        }
        steps = List.copyOf(steps);
        if (lost < 0 || lost > steps.size()) {
            throw new IllegalArgumentException("lost must be in 0.." + steps.size() + ", got " + lost);
        }
    }

    /** The transform from the first frame to the last: every step, in order. */
    public Similarity total() {
        Similarity total = Similarity.IDENTITY;
        for (Similarity step : steps) {
            total = total.then(step);
        }
        return total;
    }

    /** Time from the first frame to the last. */
    public double seconds() {
        return steps.size() / fps;
    }
}
