package org.instancecap.vision.opencv;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

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

    /** {@code image} in grey, scaled by {@code scale} (≤ 1, area averaging). */
    public static Mat gray(RgbImage image, double scale) {
        try (Mat rgb = rgb(image)) {
            Mat gray = new Mat();
            cvtColor(rgb, gray, COLOR_RGB2GRAY);
            if (scale >= 1) {
                return gray;
            }
            Mat small = new Mat();
            try (Size size = new Size(Math.max(1, (int) Math.round(image.width() * scale)),
                    Math.max(1, (int) Math.round(image.height() * scale)))) {
                resize(gray, small, size, 0, 0, INTER_AREA);
            }
            gray.close();
            return small;
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
