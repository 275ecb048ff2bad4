package org.instancecap.vision.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.instancecap.core.video.RgbImage;

/** Conversions between the project's images and OpenCV matrices; every Mat returned is the caller's to close. */
public final class Mats {
    private Mats() {
    }

    /** A copy of {@code image} as an 8-bit, 3-channel matrix in R, G, B order. */
    public static Mat rgb(RgbImage image) {
        Mat mat = new Mat(image.height(), image.width(), CV_8UC3);
        mat.data().put(image.pixels());
        return mat;
    }

    /** A copy of the {@code w} × {@code h} region of {@code image} at ({@code x}, {@code y}), R, G, B order. */
    public static Mat rgb(RgbImage image, int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > image.width() || y + h > image.height()) {
            throw new IllegalArgumentException("region " + x + "," + y + " " + w + "x" + h + " is outside the "
                    + image.width() + "x" + image.height() + " image");
        }
        Mat mat = new Mat(h, w, CV_8UC3);
        BytePointer data = mat.data();
        for (int row = 0; row < h; row++) {
            data.position((long) row * w * 3).put(image.pixels(), ((y + row) * image.width() + x) * 3, w * 3);
        }
        data.position(0);
        return mat;
    }

    /** {@code image} in grey, scaled by {@code scale} (≤ 1, area averaging). */
    public static Mat gray(RgbImage image, double scale) {
        Mat gray = new Mat();
        try (Mat rgb = rgb(image)) {
            cvtColor(rgb, gray, COLOR_RGB2GRAY);
            if (scale >= 1) {
                return gray;
            }
            Mat small = new Mat();
            try (Size size = new Size(Math.max(1, (int) Math.round(image.width() * scale)),
                    Math.max(1, (int) Math.round(image.height() * scale)))) {
                resize(gray, small, size, 0, 0, INTER_AREA);
            } catch (RuntimeException e) {
                small.close();
                throw e;
            }
            gray.close();
            return small;
        } catch (RuntimeException e) {
            gray.close();
            throw e;
        }
    }

    /** The bytes of a single-channel 8-bit matrix, row by row. */
    public static byte[] bytes(Mat mat) {
        if (mat.type() != CV_8UC1) {
            throw new IllegalArgumentException("expected an 8-bit single-channel matrix, got type " + mat.type());
        }
        Mat m = mat.isContinuous() ? mat : mat.clone();
        byte[] out = new byte[m.rows() * m.cols()];
        m.data().get(out);
        if (m != mat) {
            m.close();
        }
        return out;
    }
}
