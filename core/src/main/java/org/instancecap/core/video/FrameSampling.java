package org.instancecap.core.video;

import java.util.Arrays;

/** Which frames of a video the method looks at. */
public final class FrameSampling {
    private FrameSampling() {
    }

    /**
     * Indices {@code round(linspace(0, frameCount - 1, n))}, rounding halves to even as numpy does.
     * A video with fewer than {@code n} frames gives each of its frames once.
     */
    public static int[] uniformIndices(int frameCount, int n) {
        if (frameCount < 1) {
            throw new IllegalArgumentException("frameCount must be >= 1, got " + frameCount);
        }
        if (n < 1) {
            throw new IllegalArgumentException("number of frames must be >= 1, got " + n);
        }
        if (n == 1) {
            return new int[] {0};
        }
        int[] indices = new int[n];
        double step = (frameCount - 1) / (double) (n - 1);
        for (int i = 0; i < n; i++) {
            indices[i] = (int) Math.rint(i * step);
        }
        indices[n - 1] = frameCount - 1;
        return Arrays.stream(indices).distinct().toArray();
    }
}
