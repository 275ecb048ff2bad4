package org.instancecap.eval.fidelity;

import org.instancecap.core.video.RgbImage;

/**
 * CLIP's image preprocessing: the shorter side resized to {@code size} (bicubic, as Pillow), the
 * longer to {@code floor(size × long / short)}, the centre {@code size} × {@code size} cut out
 * (offsets rounded half to even, as torchvision's {@code CenterCrop}), pixels to 0–1 and normalised
 * with CLIP's mean and standard deviation, channels first (R, G, B).
 */
public final class ClipPreprocessing {
    public static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};
    public static final int SIZE = 224;

    private ClipPreprocessing() {
    }

    /** The picture resized and cropped to {@code size} × {@code size}, before normalisation. */
    public static RgbImage resizeAndCrop(RgbImage image, int size) {
        int w = image.width();
        int h = image.height();
        int newW;
        int newH;
        if (w <= h) {
            newW = size;
            newH = (int) ((long) size * h / w);
        } else {
            newH = size;
            newW = (int) ((long) size * w / h);
        }
        RgbImage resized = (newW == w && newH == h) ? image : Bicubic.resize(image, newW, newH);
        int top = (int) Math.rint((newH - size) / 2.0);
        int left = (int) Math.rint((newW - size) / 2.0);
        return resized.crop(left, top, size, size);
    }

    /** The tensor CLIP's image tower takes for {@code image}: 3 × size × size floats. */
    public static float[] pixels(RgbImage image, int size) {
        float[] out = new float[3 * size * size];
        write(image, size, out, 0);
        return out;
    }

    /** Writes {@link #pixels} into {@code out} from {@code offset}. */
    public static void write(RgbImage image, int size, float[] out, int offset) {
        byte[] p = resizeAndCrop(image, size).pixels();
        int plane = size * size;
        for (int i = 0; i < plane; i++) {
            for (int c = 0; c < 3; c++) {
                out[offset + c * plane + i] = ((p[i * 3 + c] & 0xff) / 255f - MEAN[c]) / STD[c];
            }
        }
    }
}
