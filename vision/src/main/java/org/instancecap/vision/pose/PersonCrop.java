package org.instancecap.vision.pose;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;

/**
 * The square of the frame a single-person pose model looks at: centred on the person's box, its side
 * the box's longer side plus a margin on each side (MoveNet is trained on people who fill most of the
 * picture with a little room around them). Parts of the square beyond the frame's edges are black.
 *
 * @param left column of the square's left edge, in frame pixels (may be negative)
 * @param top  row of its top edge (may be negative)
 * @param side its side, in frame pixels
 */
record PersonCrop(double left, double top, double side) {

    /** Room left around the box on each side, as a share of its longer side. */
    static final double MARGIN = 0.1;

    PersonCrop {
        if (!(side > 0) || !Double.isFinite(left) || !Double.isFinite(top)) {
            throw new IllegalArgumentException("crop must have a positive side, got " + side + " at " + left + "," + top);
        }
    }

    static PersonCrop around(Box box) {
        double side = Math.max(box.width(), box.height()) * (1 + 2 * MARGIN);
        return new PersonCrop(box.centerX() - side / 2, box.centerY() - side / 2, side);
    }

    /** A point given as a share of the crop's width and height (0 to 1) in frame pixels. */
    double[] toFrame(double u, double v) {
        return new double[] {left + u * side, top + v * side};
    }

    /**
     * Writes the square, resampled bilinearly to {@code size} × {@code size} (pixel centres mapped to
     * pixel centres), into {@code out} as RGB 0–255 floats, rows top to bottom: an NHWC tensor of one.
     */
    void fill(RgbImage frame, int size, float[] out) {
        if (out.length != size * size * 3) {
            throw new IllegalArgumentException("output must hold " + size * size * 3 + " floats, got " + out.length);
        }
        double scale = side / size;
        byte[] px = frame.pixels();
        int w = frame.width();
        int h = frame.height();
        int o = 0;
        for (int v = 0; v < size; v++) {
            double y = top + (v + 0.5) * scale - 0.5;
            int y0 = (int) Math.floor(y);
            double fy = y - y0;
            for (int u = 0; u < size; u++) {
                double x = left + (u + 0.5) * scale - 0.5;
                int x0 = (int) Math.floor(x);
                double fx = x - x0;
                for (int c = 0; c < 3; c++) {
                    double top0 = sample(px, w, h, x0, y0, c) * (1 - fx) + sample(px, w, h, x0 + 1, y0, c) * fx;
                    double bottom = sample(px, w, h, x0, y0 + 1, c) * (1 - fx) + sample(px, w, h, x0 + 1, y0 + 1, c) * fx;
                    out[o++] = (float) (top0 * (1 - fy) + bottom * fy);
                }
            }
        }
    }

    private static int sample(byte[] px, int w, int h, int x, int y, int c) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0 : px[(y * w + x) * 3 + c] & 0xff;
    }
}
