package org.instancecap.core.segment;

import org.instancecap.core.detect.Box;

/**
 * A binary mask over a {@code width} × {@code height} frame, row-major, one byte per pixel
 * (0 = outside, anything else = inside). The array is owned by the mask.
 */
public record Mask(int width, int height, byte[] bits) {
    public Mask {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("size must be positive, got " + width + "x" + height);
        }
        if (bits.length != width * height) {
            throw new IllegalArgumentException("bits must hold " + width * height + " values, got " + bits.length);
        }
    }

    public boolean contains(int x, int y) {
        return bits[y * width + x] != 0;
    }

    public int area() {
        int n = 0;
        for (byte b : bits) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }

    /** Centre of mass normalised to [0, 1]², or null for an empty mask. */
    public double[] centroid() {
        long sx = 0;
        long sy = 0;
        long n = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (bits[y * width + x] != 0) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return n == 0 ? null : new double[] {(sx / (double) n + 0.5) / width, (sy / (double) n + 0.5) / height};
    }

    /** Intersection over union with a mask of the same size. */
    public double iou(Mask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks differ in size: " + width + "x" + height + " vs " + other.width + "x" + other.height);
        }
        int inter = 0;
        int union = 0;
        for (int i = 0; i < bits.length; i++) {
            boolean a = bits[i] != 0;
            boolean b = other.bits[i] != 0;
            if (a && b) {
                inter++;
            }
            if (a || b) {
                union++;
            }
        }
        return union == 0 ? 0 : inter / (double) union;
    }

    /** A mask that fills {@code box}. */
    public static Mask ofBox(int width, int height, Box box) {
        byte[] bits = new byte[width * height];
        Box b = box.clip(width, height);
        for (int y = (int) Math.floor(b.y1()); y < (int) Math.ceil(b.y2()); y++) {
            for (int x = (int) Math.floor(b.x1()); x < (int) Math.ceil(b.x2()); x++) {
                bits[y * width + x] = 1;
            }
        }
        return new Mask(width, height, bits);
    }
}
