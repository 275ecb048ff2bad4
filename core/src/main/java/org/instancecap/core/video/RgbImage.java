package org.instancecap.core.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * An 8-bit RGB picture, rows top to bottom, 3 bytes per pixel in R, G, B order, no padding.
 * The pixel array is owned by the image: callers must not change it after construction.
 */
public record RgbImage(int width, int height, byte[] pixels) {
    public RgbImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != width * height * 3) {
            throw new IllegalArgumentException("pixels must hold " + width * height * 3 + " bytes, got " + pixels.length);
        }
    }

    /** Red, green and blue of pixel (x, y), each 0..255. */
    public int[] rgb(int x, int y) {
        int o = (y * width + x) * 3;
        return new int[] {pixels[o] & 0xff, pixels[o + 1] & 0xff, pixels[o + 2] & 0xff};
    }

    /** This image turned counter-clockwise by {@code degrees} (0, 90, 180 or 270). */
    public RgbImage rotateCounterClockwise(int degrees) {
        int d = Math.floorMod(degrees, 360);
        if (d == 0) {
            return this;
        }
        if (d % 90 != 0) {
            throw new IllegalArgumentException("rotation must be a multiple of 90, got " + degrees);
        }
        boolean quarter = d != 180;
        int w2 = quarter ? height : width;
        int h2 = quarter ? width : height;
        byte[] out = new byte[pixels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int x2;
                int y2;
                if (d == 90) {          // counter-clockwise: the top row becomes the left column
                    x2 = y;
                    y2 = width - 1 - x;
                } else if (d == 180) {
                    x2 = width - 1 - x;
                    y2 = height - 1 - y;
                } else {                // 270 counter-clockwise = 90 clockwise
                    x2 = height - 1 - y;
                    y2 = x;
                }
                System.arraycopy(pixels, (y * width + x) * 3, out, (y2 * w2 + x2) * 3, 3);
            }
        }
        return new RgbImage(w2, h2, out);
    }

    /** The {@code w} × {@code h} region at ({@code x}, {@code y}), which must lie inside the image. */
    public RgbImage crop(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("region " + x + "," + y + " " + w + "x" + h + " is outside " + width + "x" + height);
        }
        byte[] out = new byte[w * h * 3];
        for (int row = 0; row < h; row++) {
            System.arraycopy(pixels, ((y + row) * width + x) * 3, out, row * w * 3, w * 3);
        }
        return new RgbImage(w, h, out);
    }

    /** This image resized to {@code w} × {@code h} by averaging the pixels each new pixel covers. */
    public RgbImage scaled(int w, int h) {
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("size must be positive, got " + w + "x" + h);
        }
        if (w == width && h == height) {
            return this;
        }
        byte[] out = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            int y0 = y * height / h;
            int y1 = Math.max(y0 + 1, (y + 1) * height / h);
            for (int x = 0; x < w; x++) {
                int x0 = x * width / w;
                int x1 = Math.max(x0 + 1, (x + 1) * width / w);
                int r = 0;
                int g = 0;
                int b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int o = (yy * width + xx) * 3;
                        r += pixels[o] & 0xff;
                        g += pixels[o + 1] & 0xff;
                        b += pixels[o + 2] & 0xff;
                    }
                }
                int n = (y1 - y0) * (x1 - x0);
                int o = (y * w + x) * 3;
                out[o] = (byte) ((r + n / 2) / n);
                out[o + 1] = (byte) ((g + n / 2) / n);
                out[o + 2] = (byte) ((b + n / 2) / n);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** A copy as a {@link BufferedImage} of type {@code TYPE_3BYTE_BGR}, for image I/O. */
    public BufferedImage toBufferedImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i += 3) {
            bgr[i] = pixels[i + 2];
            bgr[i + 1] = pixels[i + 1];
            bgr[i + 2] = pixels[i];
        }
        return image;
    }
}
