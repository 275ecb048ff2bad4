package org.instancecap.eval.distort;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.instancecap.core.video.Jpeg;
import org.instancecap.core.video.RgbImage;

/** The picture operations behind each {@link Distortion}; each returns a new image. */
public final class ImageDistortions {
    public static final int BLUR_KERNEL = 5;
    public static final double BLUR_SIGMA = 1.1;
    public static final int JPEG_MIN_QUALITY = 5;
    public static final int JPEG_MAX_QUALITY = 30;
    public static final double NOISE_SIGMA = 25;
    public static final double BRIGHTNESS_MIN = 0.5;
    public static final double BRIGHTNESS_MAX = 1.5;
    public static final int MAX_SHIFT = 10;

    private ImageDistortions() {
    }

    /** A separable 5×5 Gaussian blur, the border mirrored without repeating the edge pixel (OpenCV's default). */
    public static RgbImage blur(RgbImage image) {
        double[] kernel = new double[BLUR_KERNEL];
        int r = BLUR_KERNEL / 2;
        double sum = 0;
        for (int i = 0; i < BLUR_KERNEL; i++) {
            kernel[i] = Math.exp(-((i - r) * (i - r)) / (2 * BLUR_SIGMA * BLUR_SIGMA));
            sum += kernel[i];
        }
        for (int i = 0; i < BLUR_KERNEL; i++) {
            kernel[i] /= sum;
        }
        int w = image.width();
        int h = image.height();
        byte[] in = image.pixels();
        float[] rows = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    for (int k = -r; k <= r; k++) {
                        v += kernel[k + r] * (in[(y * w + mirror(x + k, w)) * 3 + c] & 0xff);
                    }
                    rows[(y * w + x) * 3 + c] = (float) v;
                }
            }
        }
        byte[] out = new byte[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    for (int k = -r; k <= r; k++) {
                        v += kernel[k + r] * rows[(mirror(y + k, h) * w + x) * 3 + c];
                    }
                    out[(y * w + x) * 3 + c] = clamp(v);
                }
            }
        }
        return new RgbImage(w, h, out);
    }

    /** Index {@code i} mirrored into {@code [0, n)}: -1 → 1, n → n - 2. */
    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        while (i < 0 || i >= n) {
            i = i < 0 ? -i : 2 * (n - 1) - i;
        }
        return i;
    }

    /** The picture encoded as JPEG at {@code quality} (1–100, libjpeg's scale) and decoded again. */
    public static RgbImage jpeg(RgbImage image, int quality) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Jpeg.write(image, bytes, quality / 100f);
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            int w = decoded.getWidth();
            int h = decoded.getHeight();
            int[] argb = decoded.getRGB(0, 0, w, h, null, 0, w);
            byte[] out = new byte[w * h * 3];
            for (int i = 0; i < argb.length; i++) {
                out[i * 3] = (byte) (argb[i] >> 16);
                out[i * 3 + 1] = (byte) (argb[i] >> 8);
                out[i * 3 + 2] = (byte) argb[i];
            }
            return new RgbImage(w, h, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot round-trip a frame through JPEG", e);
        }
    }

    /** Each pixel set to black with probability {@code fraction}; the count of pixels blacked is in the result. */
    public static Masked mask(RgbImage image, double fraction, SplittableRandom random) {
        byte[] out = image.pixels().clone();
        int masked = 0;
        for (int i = 0; i < out.length; i += 3) {
            if (random.nextDouble() < fraction) {
                out[i] = 0;
                out[i + 1] = 0;
                out[i + 2] = 0;
                masked++;
            }
        }
        return new Masked(new RgbImage(image.width(), image.height(), out), masked);
    }

    /** A masked picture and how many of its pixels the mask blacked out. */
    public record Masked(RgbImage image, int pixels) {
    }

    /**
     * One Gaussian draw of σ {@code sigma} per pixel, added to its red, green and blue alike. Noise on
     * brightness, not on each channel: a 4:2:0 video keeps colour at a quarter of the pixels, so
     * independent noise per channel would come out of the file at about two thirds of its σ.
     */
    public static RgbImage noise(RgbImage image, double sigma, SplittableRandom random) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            double n = sigma * gaussian(random);
            out[i] = clamp((in[i] & 0xff) + n);
            out[i + 1] = clamp((in[i + 1] & 0xff) + n);
            out[i + 2] = clamp((in[i + 2] & 0xff) + n);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** A standard normal draw (Marsaglia's polar method), from {@code random} alone so that a seed fixes it. */
    private static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** Every channel of every pixel times {@code factor}, rounded and kept within 0–255. */
    public static RgbImage brightness(RgbImage image, double factor) {
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = clamp((in[i] & 0xff) * factor);
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    /** The picture moved {@code dx} pixels right and {@code dy} down; the uncovered pixels are black. */
    public static RgbImage shift(RgbImage image, int dx, int dy) {
        int w = image.width();
        int h = image.height();
        byte[] in = image.pixels();
        byte[] out = new byte[in.length];
        int x0 = Math.max(0, dx);
        int x1 = Math.min(w, w + dx);
        if (x1 > x0) {
            for (int y = Math.max(0, dy); y < Math.min(h, h + dy); y++) {
                System.arraycopy(in, ((y - dy) * w + x0 - dx) * 3, out, (y * w + x0) * 3, (x1 - x0) * 3);
            }
        }
        return new RgbImage(w, h, out);
    }

    private static byte clamp(double v) {
        long r = Math.round(v);
        return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
    }
}
