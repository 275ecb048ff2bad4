package org.instancecap.core.amc;

/**
 * How the auxiliary model cluster runs.
 *
 * @param frames             frames sampled uniformly from the clip (paper: 8)
 * @param maxInstances       instances kept, the largest by box area (paper: 3)
 * @param detector           the detector backend's name
 * @param instanceThreshold  score from which a detection is an instance; null for the detector's own
 * @param allFrames          pick instances from every sampled frame instead of the first only, for
 *                           clips whose first frame is empty
 * @param segmenter          the mask backend's name ({@code grabcut}, {@code box}...)
 * @param cameraWidth        width at which every frame is analysed for camera motion
 */
public record AmcSettings(int frames, int maxInstances, String detector, Double instanceThreshold,
                          boolean allFrames, String segmenter, int cameraWidth) {
    public static final AmcSettings DEFAULT = new AmcSettings(8, 3, "centernet", null, false, "grabcut", 320);

    public AmcSettings {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        if (maxInstances < 0) {
            throw new IllegalArgumentException("maxInstances must be >= 0, got " + maxInstances);
        }
        if (instanceThreshold != null && !(instanceThreshold > 0 && instanceThreshold < 1)) {
            throw new IllegalArgumentException("instanceThreshold must be in (0, 1), got " + instanceThreshold);
        }
        if (cameraWidth < 16) {
            throw new IllegalArgumentException("cameraWidth must be >= 16, got " + cameraWidth);
        }
    }
}
