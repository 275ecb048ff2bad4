package org.instancecap.eval.fidelity;

import org.instancecap.core.video.RgbImage;

/**
 * Resizing as Pillow's {@code Image.resize(..., BICUBIC)} does it, which is what CLIP's own
 * preprocessing runs (torchvision's {@code Resize} on a PIL image, and Hugging Face's
 * {@code CLIPImageProcessor}): a separable cubic convolution (a = -0.5) whose support widens by the
 * scale when shrinking (so it averages instead of skipping pixels), weights normalised over the
 * window that falls inside the image, in 22-bit fixed point, rows first then columns, each pass
 * rounded to 8 bits.
 */
final class Bicubic {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;
    private static final double A = -0.5;

    private Bicubic() {
    }

    /** {@code image} resized to {@code width} × {@code height}. */
    static RgbImage resize(RgbImage image, int width, int height) {
        RgbImage out = image;
        if (width != out.width()) {
            out = horizontal(out, width);
        }
        if (height != out.height()) {
            out = vertical(out, height);
        }
        return out;
    }

    static double kernel(double t) {
        double x = Math.abs(t);
        if (x < 1) {
            return ((A + 2) * x - (A + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * A;
        }
        return 0;
    }

    /** For each output position: the first input index and the fixed-point weights from there. */
    private record Window(int[] first, int[][] weights) {
    }

    private static Window window(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = SUPPORT * filterScale;
        int[] first = new int[outSize];
        int[][] weights = new int[outSize][];
        for (int o = 0; o < outSize; o++) {
            double center = (o + 0.5) * scale;
            int min = Math.max(0, (int) (center - support + 0.5));
            int max = Math.min(inSize, (int) (center + support + 0.5));
            double[] k = new double[max - min];
            double sum = 0;
            for (int i = 0; i < k.length; i++) {
                k[i] = kernel((i + min - center + 0.5) / filterScale);
                sum += k[i];
            }
            int[] fixed = new int[k.length];
            for (int i = 0; i < k.length; i++) {
                double w = sum != 0 ? k[i] / sum : k[i];
                double scaled = w * (1 << PRECISION_BITS);
                fixed[i] = (int) (w < 0 ? scaled - 0.5 : scaled + 0.5); // toward zero after the half: C's trunc
            }
            first[o] = min;
            weights[o] = fixed;
        }
        return new Window(first, weights);
    }

    private static int clip8(long sum) {
        long v = sum >> PRECISION_BITS;
        return (int) Math.max(0, Math.min(255, v));
    }

    private static RgbImage horizontal(RgbImage in, int width) {
        Window w = window(in.width(), width);
        byte[] src = in.pixels();
        byte[] out = new byte[width * in.height() * 3];
        for (int y = 0; y < in.height(); y++) {
            int row = y * in.width() * 3;
            for (int x = 0; x < width; x++) {
                int[] k = w.weights()[x];
                int first = w.first()[x];
                for (int c = 0; c < 3; c++) {
                    long sum = 1L << (PRECISION_BITS - 1);
                    for (int i = 0; i < k.length; i++) {
                        sum += (long) (src[row + (first + i) * 3 + c] & 0xff) * k[i];
                    }
                    out[(y * width + x) * 3 + c] = (byte) clip8(sum);
                }
            }
        }
        return new RgbImage(width, in.height(), out);
    }

    private static RgbImage vertical(RgbImage in, int height) {
        Window w = window(in.height(), height);
        byte[] src = in.pixels();
        int stride = in.width() * 3;
        byte[] out = new byte[height * stride];
        for (int y = 0; y < height; y++) {
            int[] k = w.weights()[y];
            int first = w.first()[y];
            for (int x = 0; x < stride; x++) {
                long sum = 1L << (PRECISION_BITS - 1);
                for (int i = 0; i < k.length; i++) {
                    sum += (long) (src[(first + i) * stride + x] & 0xff) * k[i];
                }
                out[y * stride + x] = (byte) clip8(sum);
            }
        }
        return new RgbImage(in.width(), height, out);
    }
}
