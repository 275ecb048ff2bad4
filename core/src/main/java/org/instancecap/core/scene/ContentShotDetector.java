package org.instancecap.core.scene;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.instancecap.core.video.RgbImage;

/**
 * Finds hard cuts from how much the picture's content changes between consecutive frames, the way
 * PySceneDetect's adaptive content detector does: the score of a frame is the mean absolute
 * difference of hue, saturation and value (OpenCV's 8-bit HSV scales) from the frame before; a frame
 * starts a new shot when its score stands out against its neighbours' (ratio at least
 * {@code adaptiveThreshold}) and is itself at least {@code minContentScore}. Comparing with the neighbours instead of a fixed level keeps
 * fast camera motion and slow fades from being taken for cuts.
 *
 * <p>Small frames suffice: about 256 px wide. Not thread-safe.
 */
public final class ContentShotDetector implements ShotDetector {

    /**
     * @param adaptiveThreshold ratio of a frame's score to the mean score of its neighbours that marks a cut
     * @param minContentScore   smallest score (0..255) that can be a cut at all
     * @param window            neighbours on each side that make up the comparison mean
     */
    public record Settings(double adaptiveThreshold, double minContentScore, int window) {
        public static final Settings DEFAULT = new Settings(3.0, 15.0, 2);

        public Settings {
            if (!(adaptiveThreshold > 0)) {
                throw new IllegalArgumentException("adaptiveThreshold must be > 0, got " + adaptiveThreshold);
            }
            if (!(minContentScore >= 0)) {
                throw new IllegalArgumentException("minContentScore must be >= 0, got " + minContentScore);
            }
            if (window < 1) {
                throw new IllegalArgumentException("window must be >= 1, got " + window);
            }
        }
    }

    private final Settings settings;
    private double[] scores = new double[256];
    private int frames;
    /** HSV of the frame before and of the current one, swapped each frame (no garbage per frame). */
    private float[] previous;
    private float[] current;

    public ContentShotDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void accept(RgbImage frame) {
        int length = frame.width() * frame.height() * 3;
        if (current == null || current.length != length) {
            current = new float[length];
        }
        double score = hsvAndDistance(frame, current, previous != null && previous.length == length ? previous : null);
        if (frames == scores.length) {
            scores = Arrays.copyOf(scores, frames * 2);
        }
        scores[frames++] = score;
        float[] t = previous;
        previous = current;
        current = t;
    }

    @Override
    public List<Integer> cuts() {
        List<Integer> cuts = new ArrayList<>();
        for (int i = 1; i < frames; i++) {
            if (isCut(i)) {
                cuts.add(i);
            }
        }
        return cuts;
    }

    @Override
    public int frameCount() {
        return frames;
    }

    private boolean isCut(int i) {
        double score = scores[i];
        if (score < settings.minContentScore()) {
            return false;
        }
        double sum = 0;
        int n = 0;
        for (int j = i - settings.window(); j <= i + settings.window(); j++) {
            if (j != i && j >= 1 && j < frames) {
                sum += scores[j];
                n++;
            }
        }
        if (n == 0) {
            return true;
        }
        double mean = sum / n;
        return mean < 1e-9 || score / mean >= settings.adaptiveThreshold();
    }

    /** Hue (0..180), saturation and value (0..255) per pixel, as OpenCV computes them for 8-bit images. */
    static float[] hsv(RgbImage image) {
        float[] out = new float[image.width() * image.height() * 3];
        hsvAndDistance(image, out, null);
        return out;
    }

    /**
     * Writes the HSV of {@code image} into {@code out} and returns the mean absolute difference from
     * {@code previous} over all three channels (0 without a previous frame). One pass over the
     * pixels: converting and comparing in the same loop is what keeps shot detection cheap.
     */
    private static double hsvAndDistance(RgbImage image, float[] out, float[] previous) {
        byte[] p = image.pixels();
        int n = image.width() * image.height();
        double sum = 0;
        for (int i = 0, o = 0; i < n; i++, o += 3) {
            int r = p[o] & 0xff;
            int g = p[o + 1] & 0xff;
            int b = p[o + 2] & 0xff;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            int delta = max - min;
            float h = 0;
            if (delta > 0) {
                if (max == r) {
                    h = 60f * (g - b) / delta;
                } else if (max == g) {
                    h = 120f + 60f * (b - r) / delta;
                } else {
                    h = 240f + 60f * (r - g) / delta;
                }
                if (h < 0) {
                    h += 360f;
                }
            }
            float hue = h / 2f;
            float saturation = max == 0 ? 0 : 255f * delta / max;
            float value = max;
            if (previous != null) {
                sum += Math.abs(hue - previous[o]);
                sum += Math.abs(saturation - previous[o + 1]);
                sum += Math.abs(value - previous[o + 2]);
            }
            out[o] = hue;
            out[o + 1] = saturation;
            out[o + 2] = value;
        }
        return previous == null ? 0 : sum / out.length;
    }
}
