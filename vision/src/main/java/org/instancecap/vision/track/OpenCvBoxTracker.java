package org.instancecap.vision.track;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.goodFeaturesToTrack;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowPyrLK;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.instancecap.core.detect.Box;
import org.instancecap.core.track.BoxTracker;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.opencv.Mats;

/**
 * Follows a box by pyramidal Lucas–Kanade optical flow of corners inside it, checked forwards and
 * backwards: the box moves by the median displacement and scales by the median change of distances
 * between the points. Works at {@link #WORK_WIDTH} pixels wide; sampled frames can be a second apart,
 * hence the deep pyramid.
 */
public final class OpenCvBoxTracker implements BoxTracker {

    static final int WORK_WIDTH = 640;
    static final int MAX_POINTS = 150;
    static final int MIN_POINTS = 8;
    /** Largest forward-backward disagreement, in work pixels, for a point to count. */
    static final double MAX_FB_ERROR = 2.0;
    /** A box less inside the frame than this share has left it. */
    static final double MIN_VISIBLE = 0.3;

    @Override
    public Box track(RgbImage from, Box box, RgbImage to) {
        double scale = Math.min(1, WORK_WIDTH / (double) from.width());
        try (Mat a = Mats.gray(from, scale);
             Mat b = Mats.gray(to, scale);
             Scalar zero = new Scalar(0);
             Mat region = new Mat(a.rows(), a.cols(), CV_8UC1, zero);
             Mat corners = new Mat()) {
            int x1 = clamp((int) Math.floor(box.x1() * scale), a.cols());
            int y1 = clamp((int) Math.floor(box.y1() * scale), a.rows());
            int x2 = clamp((int) Math.ceil(box.x2() * scale), a.cols());
            int y2 = clamp((int) Math.ceil(box.y2() * scale), a.rows());
            if (x2 - x1 < 4 || y2 - y1 < 4) {
                return null;
            }
            try (UByteIndexer idx = region.createIndexer()) {
                for (int y = y1; y < y2; y++) {
                    for (int x = x1; x < x2; x++) {
                        idx.put(y, x, 255);
                    }
                }
            }
            goodFeaturesToTrack(a, corners, MAX_POINTS, 0.01, 3, region, 3, false, 0.04);
            int n = corners.rows();
            if (n < MIN_POINTS) {
                return null;
            }
            float[] p0 = points(corners);
            float[][] flow = flow(a, b, corners);
            if (flow == null) {
                return null;
            }
            float[] p1 = flow[0];
            float[] back = flow[1];
            List<Integer> good = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double fb = Math.hypot(back[2 * i] - p0[2 * i], back[2 * i + 1] - p0[2 * i + 1]);
                if (fb <= MAX_FB_ERROR) {
                    good.add(i);
                }
            }
            if (good.size() < MIN_POINTS) {
                return null;
            }
            double[] dx = good.stream().mapToDouble(i -> p1[2 * i] - p0[2 * i]).toArray();
            double[] dy = good.stream().mapToDouble(i -> p1[2 * i + 1] - p0[2 * i + 1]).toArray();
            double growth = medianScale(p0, p1, good);
            double cx = (box.centerX() + median(dx) / scale);
            double cy = (box.centerY() + median(dy) / scale);
            double hw = box.width() * growth / 2;
            double hh = box.height() * growth / 2;
            Box moved = new Box(cx - hw, cy - hh, cx + hw, cy + hh);
            Box visible = moved.clip(to.width(), to.height());
            return visible.area() < MIN_VISIBLE * moved.area() ? null : visible;
        }
    }

    /** Points tracked a→b and back b→a, or null when the flow fails. */
    private static float[][] flow(Mat a, Mat b, Mat corners) {
        try (Mat forward = new Mat();
             Mat backward = new Mat();
             Mat status = new Mat();
             Mat status2 = new Mat();
             Mat error = new Mat();
             Mat error2 = new Mat();
             Size window = new Size(21, 21);
             TermCriteria criteria = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 30, 0.01)) {
            calcOpticalFlowPyrLK(a, b, corners, forward, status, error, window, 4, criteria, 0, 1e-4);
            calcOpticalFlowPyrLK(b, a, forward, backward, status2, error2, window, 4, criteria, 0, 1e-4);
            float[] f = points(forward);
            float[] r = points(backward);
            byte[] s1 = new byte[status.rows()];
            byte[] s2 = new byte[status2.rows()];
            status.data().get(s1);
            status2.data().get(s2);
            for (int i = 0; i < s1.length; i++) {
                if (s1[i] == 0 || s2[i] == 0) {
                    r[2 * i] = Float.NaN; // fails the forward-backward check
                }
            }
            return new float[][] {f, r};
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static float[] points(Mat m) {
        if (m.type() != CV_32FC2) {
            throw new IllegalStateException("expected 2-channel float points, got type " + m.type());
        }
        float[] out = new float[m.rows() * 2];
        FloatBuffer buffer = m.createBuffer();
        buffer.get(out);
        return out;
    }

    private static double medianScale(float[] p0, float[] p1, List<Integer> good) {
        List<Double> ratios = new ArrayList<>();
        int step = Math.max(1, good.size() / 40);
        for (int i = 0; i < good.size(); i += step) {
            for (int j = i + step; j < good.size(); j += step) {
                int a = good.get(i);
                int b = good.get(j);
                double d0 = Math.hypot(p0[2 * a] - p0[2 * b], p0[2 * a + 1] - p0[2 * b + 1]);
                double d1 = Math.hypot(p1[2 * a] - p1[2 * b], p1[2 * a + 1] - p1[2 * b + 1]);
                if (d0 > 5) {
                    ratios.add(d1 / d0);
                }
            }
        }
        if (ratios.isEmpty()) {
            return 1;
        }
        double s = median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
        return Math.max(0.5, Math.min(2, s));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
