package org.instancecap.core.amc;

import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;

/**
 * The paper's instance frames: one instance kept sharp, everything else replaced by a strongly
 * smeared copy of the same frame, so an MLLM sees the instance alone but keeps the scene's colours
 * and layout (a flat screen or a drawn outline was shown to hurt, paper Fig. 11).
 */
public final class InstanceFrames {

    /** The paper shrinks the background about 150 times and enlarges it back. */
    public static final double DEFAULT_SMEAR = 150;

    private InstanceFrames() {
    }

    /** {@code frame} with the pixels outside {@code mask} smeared by {@code smear} (≥ 1). */
    public static RgbImage blurBackground(RgbImage frame, Mask mask, double smear) {
        if (mask.width() != frame.width() || mask.height() != frame.height()) {
            throw new IllegalArgumentException("mask " + mask.width() + "x" + mask.height()
                    + " does not fit frame " + frame.width() + "x" + frame.height());
        }
        if (!(smear >= 1)) {
            throw new IllegalArgumentException("smear must be >= 1, got " + smear);
        }
        byte[] smeared = smear(frame, smear);
        byte[] in = frame.pixels();
        byte[] mb = mask.bits();
        for (int i = 0; i < mb.length; i++) {
            if (mb[i] != 0) {
                int o = i * 3;
                smeared[o] = in[o];
                smeared[o + 1] = in[o + 1];
                smeared[o + 2] = in[o + 2];
            }
        }
        return new RgbImage(frame.width(), frame.height(), smeared);
    }

    /** Area-average down to about 1/smear of the size, then bilinear back up. */
    static byte[] smear(RgbImage frame, double smear) {
        int w = frame.width();
        int h = frame.height();
        int sw = Math.max(1, (int) Math.round(w / smear));
        int sh = Math.max(1, (int) Math.round(h / smear));
        double[] small = new double[sw * sh * 3];
        int[] counts = new int[sw * sh];
        byte[] p = frame.pixels();
        for (int y = 0; y < h; y++) {
            int sy = Math.min(sh - 1, y * sh / h);
            for (int x = 0; x < w; x++) {
                int sx = Math.min(sw - 1, x * sw / w);
                int s = sy * sw + sx;
                int o = (y * w + x) * 3;
                small[s * 3] += p[o] & 0xff;
                small[s * 3 + 1] += p[o + 1] & 0xff;
                small[s * 3 + 2] += p[o + 2] & 0xff;
                counts[s]++;
            }
        }
        for (int s = 0; s < counts.length; s++) {
            for (int c = 0; c < 3; c++) {
                small[s * 3 + c] /= Math.max(1, counts[s]);
            }
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(sh - 1, (y + 0.5) * sh / h - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(sw - 1, (x + 0.5) * sw / w - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double tx = fx - x0;
                int o = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double top = small[(y0 * sw + x0) * 3 + c] * (1 - tx) + small[(y0 * sw + x1) * 3 + c] * tx;
                    double bottom = small[(y1 * sw + x0) * 3 + c] * (1 - tx) + small[(y1 * sw + x1) * 3 + c] * tx;
                    out[o + c] = (byte) Math.round(top * (1 - ty) + bottom * ty);
                }
            }
        }
        return out;
    }
}
