package org.instancecap.vision.detect;

import java.util.Arrays;
import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;

/**
 * How an image is fitted into a detector's input: scaled to fit with its aspect kept, centred, the
 * rest filled with grey 114 (Ultralytics' letterbox). Converts the image to the input tensor and
 * boxes from input pixels back to image pixels.
 *
 * @param imageWidth   the image's width
 * @param imageHeight  the image's height
 * @param inputWidth   the model input's width
 * @param inputHeight  the model input's height
 * @param scaledWidth  the image's width inside the input
 * @param scaledHeight the image's height inside the input
 * @param left         the grey columns left of the image
 * @param top          the grey rows above the image
 */
record Letterbox(int imageWidth, int imageHeight, int inputWidth, int inputHeight,
                 int scaledWidth, int scaledHeight, int left, int top) {

    static final int PAD = 114;

    Letterbox {
        if (scaledWidth < 1 || scaledWidth > inputWidth || scaledHeight < 1 || scaledHeight > inputHeight) {
            throw new IllegalArgumentException("scaled size " + scaledWidth + "x" + scaledHeight + " must fit the input " + inputWidth + "x" + inputHeight);
        }
    }

    static Letterbox fit(int imageWidth, int imageHeight, int inputWidth, int inputHeight) {
        double r = Math.min(inputWidth / (double) imageWidth, inputHeight / (double) imageHeight);
        int w = Math.max(1, Math.min(inputWidth, (int) Math.round(imageWidth * r)));
        int h = Math.max(1, Math.min(inputHeight, (int) Math.round(imageHeight * r)));
        return new Letterbox(imageWidth, imageHeight, inputWidth, inputHeight, w, h, (inputWidth - w) / 2, (inputHeight - h) / 2);
    }

    /** The image as an NCHW float tensor of RGB values in [0, 1], bilinearly resampled. */
    float[] toTensor(RgbImage image) {
        if (image.width() != imageWidth || image.height() != imageHeight) {
            throw new IllegalArgumentException("image is " + image.width() + "x" + image.height() + ", letterbox made for " + imageWidth + "x" + imageHeight);
        }
        int plane = inputWidth * inputHeight;
        float[] out = new float[3 * plane];
        Arrays.fill(out, PAD / 255f);
        byte[] px = image.pixels();
        double sx = imageWidth / (double) scaledWidth;
        double sy = imageHeight / (double) scaledHeight;
        int[] x0 = new int[scaledWidth];
        int[] x1 = new int[scaledWidth];
        float[] fx = new float[scaledWidth];
        for (int x = 0; x < scaledWidth; x++) {
            double src = Math.max(0, Math.min(imageWidth - 1, (x + 0.5) * sx - 0.5));
            x0[x] = (int) src;
            x1[x] = Math.min(imageWidth - 1, x0[x] + 1);
            fx[x] = (float) (src - x0[x]);
        }
        for (int y = 0; y < scaledHeight; y++) {
            double src = Math.max(0, Math.min(imageHeight - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) src;
            int y1 = Math.min(imageHeight - 1, y0 + 1);
            float fy = (float) (src - y0);
            int row0 = y0 * imageWidth * 3;
            int row1 = y1 * imageWidth * 3;
            int o = (y + top) * inputWidth + left;
            for (int x = 0; x < scaledWidth; x++, o++) {
                int a = row0 + x0[x] * 3;
                int b = row0 + x1[x] * 3;
                int c = row1 + x0[x] * 3;
                int d = row1 + x1[x] * 3;
                for (int ch = 0; ch < 3; ch++) {
                    float upper = (px[a + ch] & 0xff) + fx[x] * ((px[b + ch] & 0xff) - (px[a + ch] & 0xff));
                    float lower = (px[c + ch] & 0xff) + fx[x] * ((px[d + ch] & 0xff) - (px[c + ch] & 0xff));
                    out[ch * plane + o] = (upper + fy * (lower - upper)) / 255f;
                }
            }
        }
        return out;
    }

    /** A box given in input pixels, in image pixels, clipped to the image. */
    Box toImage(double x1, double y1, double x2, double y2) {
        double sx = imageWidth / (double) scaledWidth;
        double sy = imageHeight / (double) scaledHeight;
        double ax = (Math.min(x1, x2) - left) * sx;
        double bx = (Math.max(x1, x2) - left) * sx;
        double ay = (Math.min(y1, y2) - top) * sy;
        double by = (Math.max(y1, y2) - top) * sy;
        return new Box(ax, ay, bx, by).clip(imageWidth, imageHeight);
    }
}
