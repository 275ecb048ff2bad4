package org.instancecap.core.spec;

/**
 * How the auxiliary model cluster samples and picks: the settings of a run that are neither a
 * stage's name nor a model file.
 *
 * @param frames       frames sampled uniformly from the clip (paper: 8)
 * @param maxInstances instances kept, the largest by box area (paper: 3)
 * @param allFrames    pick instances from every sampled frame instead of the first only, for clips
 *                     whose first frame is empty
 * @param cameraWidth  width at which every frame is analysed for camera motion, in pixels
 */
public record ClusterSpec(int frames, int maxInstances, boolean allFrames, int cameraWidth) {
    public static final ClusterSpec DEFAULT = new ClusterSpec(8, 3, false, 320);

    public ClusterSpec {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        if (maxInstances < 0) {
            throw new IllegalArgumentException("maxInstances must be >= 0, got " + maxInstances);
        }
        if (cameraWidth < 16) {
            throw new IllegalArgumentException("cameraWidth must be >= 16, got " + cameraWidth);
        }
    }
}
