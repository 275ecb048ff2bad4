package org.instancecap.core.curate;

/**
 * What makes a clip worth keeping for a text-to-video dataset (DESIGN §2.8).
 *
 * @param minSeconds shortest clip
 * @param maxSeconds longest clip; a longer shot is cut into consecutive pieces of this length
 * @param minWidth   smallest width, as displayed
 * @param minHeight  smallest height, as displayed
 * @param minMotion  at least one instance must move this much: the path of its box centre over the
 *                   sampled frames, as a share of the frame's diagonal per second
 */
public record CurationSettings(double minSeconds, double maxSeconds, int minWidth, int minHeight, double minMotion) {
    public static final CurationSettings DEFAULT = new CurationSettings(2, 10, 256, 256, 0.05);

    public CurationSettings {
        if (!(minSeconds > 0) || !(maxSeconds >= minSeconds)) {
            throw new IllegalArgumentException("durations must satisfy 0 < min <= max, got " + minSeconds + " and " + maxSeconds);
        }
        if (minWidth < 1 || minHeight < 1) {
            throw new IllegalArgumentException("minimum size must be positive, got " + minWidth + "x" + minHeight);
        }
        if (!(minMotion >= 0)) {
            throw new IllegalArgumentException("minMotion must be >= 0, got " + minMotion);
        }
    }
}
