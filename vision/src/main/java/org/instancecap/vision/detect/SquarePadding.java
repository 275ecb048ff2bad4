package org.instancecap.vision.detect;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;

/**
 * How a window of a picture becomes a square network input of {@code size} pixels: the window is
 * padded with black at the right or the bottom to a square of its longer side (the window stays at the
 * top-left corner, so mapping back needs only the window's own offset), then scaled bilinearly to
 * {@code size} × {@code size}. Both directions share one scale, so the aspect ratio is kept.
 */
final class SquarePadding {

    private final int imageWidth;
    private final int imageHeight;
    private final Window window;
    private final int size;
    private final double scale;
    private final Taps cols;
    private final Taps rows;

    /**
     * A rectangle of the picture, in whole pixels.
     *
     * @param x left column
     * @param y top row
     */
    record Window(int x, int y, int width, int height) {
        Window {
            if (x < 0 || y < 0 || width < 1 || height < 1) {
                throw new IllegalArgumentException("window must lie in the picture, got " + width + "x" + height + " at " + x + "," + y);
            }
        }

        /**
         * The window of about {@code side} × {@code side} pixels centred on {@code box}, shifted to lie
         * inside the {@code imageWidth} × {@code imageHeight} picture and cut to it where it is larger.
         */
        static Window around(Box box, double side, int imageWidth, int imageHeight) {
            int w = (int) Math.min(imageWidth, Math.max(1, Math.round(side)));
            int h = (int) Math.min(imageHeight, Math.max(1, Math.round(side)));
            int x = (int) Math.round(box.centerX() - w / 2.0);
            int y = (int) Math.round(box.centerY() - h / 2.0);
            return new Window(Math.max(0, Math.min(x, imageWidth - w)), Math.max(0, Math.min(y, imageHeight - h)), w, h);
        }
    }

    /** The whole {@code width} × {@code height} picture. */
    SquarePadding(int width, int height, int size) {
        this(width, height, new Window(0, 0, width, height), size);
    }

    SquarePadding(int imageWidth, int imageHeight, Window window, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        if (window.x() + window.width() > imageWidth || window.y() + window.height() > imageHeight) {
            throw new IllegalArgumentException("window " + window + " exceeds the " + imageWidth + "x" + imageHeight + " picture");
        }
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.window = window;
        this.size = size;
        this.scale = (double) Math.max(window.width(), window.height()) / size;
        this.cols = Taps.of(window.x(), window.width(), window.width() >= window.height(), scale, size, 3);
        this.rows = Taps.of(window.y(), window.height(), window.height() >= window.width(), scale, size, imageWidth * 3);
    }

    /** Whether this padding is the one for the whole of a {@code width} × {@code height} picture. */
    boolean fitsWhole(int width, int height) {
        return imageWidth == width && imageHeight == height && window.equals(new Window(0, 0, width, height));
    }

    /** Source pixels per input pixel. */
    double scale() {
        return scale;
    }

    /** A box in input pixels mapped to the picture's pixels, clipped to the window. */
    Box toImage(double x1, double y1, double x2, double y2) {
        return new Box(Math.min(x1, x2) * scale, Math.min(y1, y2) * scale, Math.max(x1, x2) * scale, Math.max(y1, y2) * scale)
                .clip(window.width(), window.height())
                .shift(window.x(), window.y());
    }

    /**
     * Writes the padded, resampled window into {@code out} as {@code size × size × 3} floats, RGB
     * 0–255, rows top to bottom (the layout of an NHWC tensor of batch 1).
     */
    void fill(RgbImage image, float[] out) {
        if (image.width() != imageWidth || image.height() != imageHeight) {
            throw new IllegalArgumentException("image is " + image.width() + "x" + image.height() + ", expected "
                    + imageWidth + "x" + imageHeight);
        }
        if (out.length != size * size * 3) {
            throw new IllegalArgumentException("output must hold " + size * size * 3 + " floats, got " + out.length);
        }
        byte[] px = image.pixels();
        int o = 0;
        for (int v = 0; v < size; v++) {
            int r0 = rows.first[v];
            int r1 = rows.second[v];
            float wy0 = rows.firstWeight[v];
            float wy1 = rows.secondWeight[v];
            for (int u = 0; u < size; u++) {
                int c0 = cols.first[u];
                int c1 = cols.second[u];
                float w00 = wy0 * cols.firstWeight[u];
                float w01 = wy0 * cols.secondWeight[u];
                float w10 = wy1 * cols.firstWeight[u];
                float w11 = wy1 * cols.secondWeight[u];
                int a = r0 + c0;
                int b = r0 + c1;
                int c = r1 + c0;
                int d = r1 + c1;
                for (int ch = 0; ch < 3; ch++) {
                    out[o++] = w00 * (px[a + ch] & 0xff) + w01 * (px[b + ch] & 0xff)
                            + w10 * (px[c + ch] & 0xff) + w11 * (px[d + ch] & 0xff);
                }
            }
        }
    }

    /**
     * For each output position along one axis, the byte offsets of the two source samples around it and
     * their weights (half-pixel centres); a sample in the padding gets weight 0 and a harmless in-range
     * offset, so the inner loop needs no branch. Along the longer side there is no padding: the last
     * pixel repeats.
     */
    private record Taps(int[] first, int[] second, float[] firstWeight, float[] secondWeight) {

        static Taps of(int start, int length, boolean longer, double scale, int size, int stride) {
            int[] first = new int[size];
            int[] second = new int[size];
            float[] w0 = new float[size];
            float[] w1 = new float[size];
            for (int i = 0; i < size; i++) {
                double x = Math.max(0, (i + 0.5) * scale - 0.5);
                int x0 = (int) x;
                double f = x - x0;
                int x1 = x0 + 1;
                if (longer && x1 >= length) {
                    x0 = Math.min(x0, length - 1);
                    f = 0;
                }
                w0[i] = x0 < length ? (float) (1 - f) : 0;
                w1[i] = x1 < length ? (float) f : 0;
                first[i] = (start + Math.min(x0, length - 1)) * stride;
                second[i] = (start + Math.min(x1, length - 1)) * stride;
            }
            return new Taps(first, second, w0, w1);
        }
    }
}
