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
    private byte[] previous;
    private byte[] current;

    public ContentShotDetector(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void accept(RgbImage frame) {
        int length = frame.width() * frame.height() * 3;
        if (current == null || current.length != length) {
            current = new byte[length];
        }
        double score = hsvAndDistance(frame, current, previous != null && previous.length == length ? previous : null);
        if (frames == scores.length) {
            scores = Arrays.copyOf(scores, frames * 2);
        }
        scores[frames++] = score;
        byte[] t = previous;
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

    /** Fixed-point scale of the division tables: 12 bits keep hue and saturation within rounding of exact. */
    private static final int SHIFT = 12;
    private static final int HALF = 1 << (SHIFT - 1);
    /** {@code 30 / delta}: hue in OpenCV's 0..180 scale from the sextant offset, per max - min. */
    private static final int[] HUE_SCALE = new int[256];
    /** {@code 255 / max}: saturation per max. */
    private static final int[] SATURATION_SCALE = new int[256];

    static {
        for (int i = 1; i < 256; i++) {
            HUE_SCALE[i] = (int) Math.round((30 << SHIFT) / (double) i);
            SATURATION_SCALE[i] = (int) Math.round((255 << SHIFT) / (double) i);
        }
    }

    /** Hue (0..180), saturation and value (0..255) per pixel, rounded to integers as OpenCV's 8-bit conversion does. */
    static float[] hsv(RgbImage image) {
        byte[] bytes = new byte[image.width() * image.height() * 3];
        hsvAndDistance(image, bytes, null);
        float[] out = new float[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xff;
        }
        return out;
    }

    /**
     * Writes the 8-bit HSV of {@code image} into {@code out} and returns the mean absolute difference
     * from {@code previous} over all three channels (0 without a previous frame). One pass in integer
     * arithmetic, divisions taken from tables: this loop is most of shot detection's own cost.
     */
    private static double hsvAndDistance(RgbImage image, byte[] out, byte[] previous) {
        byte[] p = image.pixels();
        int length = out.length;
        long sum = 0;
        for (int o = 0; o < length; o += 3) {
            int r = p[o] & 0xff;
            int g = p[o + 1] & 0xff;
            int b = p[o + 2] & 0xff;
            int max = Math.max(r, Math.max(g, b));
            int delta = max - Math.min(r, Math.min(g, b));
            // hue in sixths of the circle, times delta: (g - b) / delta around red,
            // 2 + (b - r) / delta around green, 4 + (r - g) / delta around blue
            int sextant = max == r ? g - b : max == g ? b - r + 2 * delta : r - g + 4 * delta;
            int hue = (sextant * HUE_SCALE[delta] + HALF) >> SHIFT;
            if (hue < 0) {
                hue += 180;
            }
            int saturation = (delta * SATURATION_SCALE[max] + HALF) >> SHIFT;
            if (previous != null) {
                sum += Math.abs(hue - (previous[o] & 0xff)) + Math.abs(saturation - (previous[o + 1] & 0xff))
                        + Math.abs(max - (previous[o + 2] & 0xff));
            }
            out[o] = (byte) hue;
            out[o + 1] = (byte) saturation;
            out[o + 2] = (byte) max;
        }
        return previous == null ? 0 : sum / (double) length;
    }
}
