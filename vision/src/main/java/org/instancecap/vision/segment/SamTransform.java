package org.instancecap.vision.segment;

import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;

/**
 * SAM's geometry for one frame: the frame scaled so its long side is {@code longSide} pixels
 * (aspect kept), placed top-left in a {@code longSide}² square padded with zeros after
 * normalisation. Turns the frame into the encoder's input, box corners into prompt coordinates, and
 * mask logits back into a mask of the frame.
 *
 * @param imageWidth    the frame's width
 * @param imageHeight   the frame's height
 * @param longSide      the encoder's side (1024 for SAM and MobileSAM)
 * @param resizedWidth  the frame's width once scaled
 * @param resizedHeight the frame's height once scaled
 */
record SamTransform(int imageWidth, int imageHeight, int longSide, int resizedWidth, int resizedHeight) {

    /** SAM's pixel mean and standard deviation, RGB on the 0..255 scale (ImageNet's). */
    static final float[] PIXEL_MEAN = {123.675f, 116.28f, 103.53f};
    static final float[] PIXEL_STD = {58.395f, 57.12f, 57.375f};

    SamTransform {
        if (resizedWidth < 1 || resizedWidth > longSide || resizedHeight < 1 || resizedHeight > longSide) {
            throw new IllegalArgumentException("resized size " + resizedWidth + "x" + resizedHeight + " must fit " + longSide);
        }
    }

    /** As SAM's {@code ResizeLongestSide}: each side scaled and rounded half up. */
    static SamTransform fit(int imageWidth, int imageHeight, int longSide) {
        double scale = longSide / (double) Math.max(imageWidth, imageHeight);
        int w = Math.max(1, Math.min(longSide, (int) (imageWidth * scale + 0.5)));
        int h = Math.max(1, Math.min(longSide, (int) (imageHeight * scale + 0.5)));
        return new SamTransform(imageWidth, imageHeight, longSide, w, h);
    }

    /** The encoder input {@code [1, 3, longSide, longSide]}: normalised RGB planes, zeros right and below. */
    float[] normalisedPadded(RgbImage image) {
        float[] rgb = resizedRgb(image);
        int plane = longSide * longSide;
        float[] out = new float[3 * plane];
        for (int y = 0; y < resizedHeight; y++) {
            for (int x = 0; x < resizedWidth; x++) {
                int i = (y * resizedWidth + x) * 3;
                int o = y * longSide + x;
                for (int c = 0; c < 3; c++) {
                    out[c * plane + o] = (rgb[i + c] - PIXEL_MEAN[c]) / PIXEL_STD[c];
                }
            }
        }
        return out;
    }

    /** The frame scaled to {@code resizedHeight × resizedWidth × 3}, RGB 0..255, bilinear. */
    float[] resizedRgb(RgbImage image) {
        if (image.width() != imageWidth || image.height() != imageHeight) {
            throw new IllegalArgumentException("image is " + image.width() + "x" + image.height() + ", transform made for " + imageWidth + "x" + imageHeight);
        }
        byte[] px = image.pixels();
        float[] out = new float[resizedWidth * resizedHeight * 3];
        double sx = imageWidth / (double) resizedWidth;
        double sy = imageHeight / (double) resizedHeight;
        for (int y = 0; y < resizedHeight; y++) {
            double srcY = Math.max(0, Math.min(imageHeight - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) srcY;
            int y1 = Math.min(imageHeight - 1, y0 + 1);
            float fy = (float) (srcY - y0);
            for (int x = 0; x < resizedWidth; x++) {
                double srcX = Math.max(0, Math.min(imageWidth - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) srcX;
                int x1 = Math.min(imageWidth - 1, x0 + 1);
                float fx = (float) (srcX - x0);
                int a = (y0 * imageWidth + x0) * 3;
                int b = (y0 * imageWidth + x1) * 3;
                int c = (y1 * imageWidth + x0) * 3;
                int d = (y1 * imageWidth + x1) * 3;
                int o = (y * resizedWidth + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    float upper = (px[a + ch] & 0xff) + fx * ((px[b + ch] & 0xff) - (px[a + ch] & 0xff));
                    float lower = (px[c + ch] & 0xff) + fx * ((px[d + ch] & 0xff) - (px[c + ch] & 0xff));
                    out[o + ch] = upper + fy * (lower - upper);
                }
            }
        }
        return out;
    }

    /** A frame point in the encoder's coordinates, as SAM's {@code apply_coords}. */
    float[] point(double x, double y) {
        return new float[] {(float) (x * resizedWidth / imageWidth), (float) (y * resizedHeight / imageHeight)};
    }

    /**
     * The frame's mask from logits over the whole padded square at {@code width × height} (SAM's
     * 256² {@code low_res_masks}): the padding is cropped and the rest scaled to the frame in one
     * bilinear step; inside where the logit is above 0.
     */
    Mask fromSquareLogits(float[] logits, int offset, int width, int height) {
        double toMaskX = resizedWidth / (double) imageWidth * width / longSide;
        double toMaskY = resizedHeight / (double) imageHeight * height / longSide;
        return sample(logits, offset, width, height, toMaskX, toMaskY);
    }

    /** The frame's mask from logits covering exactly the frame at another resolution. */
    Mask fromFrameLogits(float[] logits, int offset, int width, int height) {
        return sample(logits, offset, width, height, width / (double) imageWidth, height / (double) imageHeight);
    }

    private Mask sample(float[] logits, int offset, int width, int height, double toMaskX, double toMaskY) {
        byte[] bits = new byte[imageWidth * imageHeight];
        int[] x0 = new int[imageWidth];
        int[] x1 = new int[imageWidth];
        float[] fx = new float[imageWidth];
        for (int x = 0; x < imageWidth; x++) {
            double m = Math.max(0, Math.min(width - 1, (x + 0.5) * toMaskX - 0.5));
            x0[x] = (int) m;
            x1[x] = Math.min(width - 1, x0[x] + 1);
            fx[x] = (float) (m - x0[x]);
        }
        for (int y = 0; y < imageHeight; y++) {
            double m = Math.max(0, Math.min(height - 1, (y + 0.5) * toMaskY - 0.5));
            int y0 = (int) m;
            int y1 = Math.min(height - 1, y0 + 1);
            float fy = (float) (m - y0);
            int row0 = offset + y0 * width;
            int row1 = offset + y1 * width;
            for (int x = 0; x < imageWidth; x++) {
                float upper = logits[row0 + x0[x]] + fx[x] * (logits[row0 + x1[x]] - logits[row0 + x0[x]]);
                float lower = logits[row1 + x0[x]] + fx[x] * (logits[row1 + x1[x]] - logits[row1 + x0[x]]);
                if (upper + fy * (lower - upper) > 0) {
                    bits[y * imageWidth + x] = 1;
                }
            }
        }
        return new Mask(imageWidth, imageHeight, bits);
    }
}
