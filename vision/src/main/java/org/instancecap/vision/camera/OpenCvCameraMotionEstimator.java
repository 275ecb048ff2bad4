package org.instancecap.vision.camera;

import static org.bytedeco.opencv.global.opencv_calib3d.RANSAC;
import static org.bytedeco.opencv.global.opencv_calib3d.estimateAffinePartial2D;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.goodFeaturesToTrack;
import static org.bytedeco.opencv.global.opencv_video.calcOpticalFlowPyrLK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.camera.CameraMotionEstimator;
import org.instancecap.core.camera.CameraMotionRule;
import org.instancecap.core.camera.CameraPath;
import org.instancecap.core.camera.Foreground;
import org.instancecap.core.camera.Similarity;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;

/**
 * {@link CameraMotionEstimator} on OpenCV: pyramidal Lucas–Kanade tracking of good features through
 * consecutive frames, kept only where the backward track returns to the start, and a RANSAC
 * similarity ({@code estimateAffinePartial2D}) per frame pair fitted at {@link #estimate} time on the
 * points off the foreground (and half a tracking window away from it). When the outliers of the
 * best consensus hold a second one whose points cover more of the frame, that one is the camera
 * (a textured car crossing faint asphalt holds more points than the asphalt, in fewer places).
 * {@link CameraMotionRule} names the accumulated motion. Frames are tracked in grey,
 * histogram-equalised so that automatic exposure does not read as motion.
 *
 * <p>Features are re-seeded whenever fewer than {@link Settings#reseedShare()} of
 * {@link Settings#points()} survive, at most a fixed share per cell of an 8-column grid so that
 * they cover the frame. Per frame pair only the surviving point matches are kept (4 floats per
 * point), so a long clip costs a few megabytes. A frame whose index is not after the previous one
 * starts the clip over, as when a reader begins a second decoding pass. Holds native memory: close
 * it, and do not use it afterwards.
 */
public final class OpenCvCameraMotionEstimator implements CameraMotionEstimator {

    /**
     * Tracking parameters.
     *
     * @param points              how many features to keep tracked
     * @param reseedShare         new features are sought when fewer than this share of {@code points} survive
     * @param forwardBackwardLimit largest distance between a point and its forward-then-backward track,
     *                             in frame widths (1/320: one pixel at 320 px)
     * @param ransacThreshold     RANSAC inlier distance, in frame widths
     * @param minInliers          a frame pair with fewer inliers is not measured
     * @param rule                how the measured path is named
     */
    public record Settings(int points, double reseedShare, double forwardBackwardLimit, double ransacThreshold,
                           int minInliers, CameraMotionRule.Settings rule) {
        public static final Settings DEFAULT =
                new Settings(200, 0.8, 1.0 / 320, 1.0 / 320, 8, CameraMotionRule.Settings.DEFAULT);

        public Settings {
            if (points < 8) {
                throw new IllegalArgumentException("points must be >= 8, got " + points);
            }
            if (!(reseedShare > 0 && reseedShare <= 1)) {
                throw new IllegalArgumentException("reseedShare must be in (0, 1], got " + reseedShare);
            }
            if (!(forwardBackwardLimit > 0)) {
                throw new IllegalArgumentException("forwardBackwardLimit must be > 0, got " + forwardBackwardLimit);
            }
            if (!(ransacThreshold > 0)) {
                throw new IllegalArgumentException("ransacThreshold must be > 0, got " + ransacThreshold);
            }
            if (minInliers < 3) {
                throw new IllegalArgumentException("minInliers must be >= 3, got " + minInliers);
            }
            if (rule == null) {
                throw new IllegalArgumentException("rule must not be null");
            }
        }
    }

    private static final int GRID_COLUMNS = 8;
    /** Frames narrower or lower than this are not tracked: their pairs count as unmeasured. */
    private static final int MIN_SIZE = 16;
    /**
     * Lucas–Kanade with 2 pyramid levels, a 15 px window and at most 10 iterations: half the time of
     * 3 levels, 21 px and 20 iterations at 320 px, with the same labels on the project's clips.
     */
    private static final int PYRAMID_LEVELS = 2;
    private static final int WINDOW = 15;
    private static final int ITERATIONS = 10;
    private static final double FEATURE_QUALITY = 0.01;
    private static final float[] NONE = new float[0];

    /** The point matches of one frame pair: x, y pairs in the earlier frame and where they went. */
    private record Matches(int from, int to, float[] before, float[] after) {
    }

    private final Settings settings;
    private final CameraMotionRule rule;
    private final List<Matches> pairs = new ArrayList<>();
    private final Size window = new Size(WINDOW, WINDOW);
    private final TermCriteria criteria = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, ITERATIONS, 0.03);
    private final Mat forward = new Mat();
    private final Mat backward = new Mat();
    private final Mat forwardStatus = new Mat();
    private final Mat backwardStatus = new Mat();
    private final Mat error = new Mat();
    private final Mat corners = new Mat();
    private final Mat start = new Mat();
    private Mat previous;
    private Mat current;
    private Mat mask;
    private byte[] gray;
    private byte[] maskPixels;
    private int width;
    private int height;
    private int lastIndex = -1;
    /** Tracked points in the previous frame, x and y interleaved. */
    private float[] points = NONE;

    public OpenCvCameraMotionEstimator(Settings settings) {
        this.settings = settings;
        this.rule = new CameraMotionRule(settings.rule());
    }

    public OpenCvCameraMotionEstimator() {
        this(Settings.DEFAULT);
    }

    /** Forgets every frame fed so far. */
    public void reset() {
        pairs.clear();
        points = NONE;
        lastIndex = -1;
    }

    @Override
    public void accept(SampledFrame frame) {
        if (frame.index() <= lastIndex) {
            reset();
        }
        RgbImage image = frame.image();
        if (lastIndex >= 0 && (image.width() != width || image.height() != height)) {
            throw new IllegalArgumentException("frame " + frame.index() + " is " + image.width() + "x"
                    + image.height() + ", earlier frames were " + width + "x" + height);
        }
        if (current == null || image.width() != width || image.height() != height) {
            allocate(image.width(), image.height());
        }
        toGray(image);
        if (lastIndex >= 0) {
            track(lastIndex, frame.index());
        }
        if (points.length / 2 < settings.reseedShare() * settings.points() && width >= MIN_SIZE && height >= MIN_SIZE) {
            seed();
        }
        Mat swap = previous;
        previous = current;
        current = swap;
        lastIndex = frame.index();
    }

    @Override
    public CameraMotion estimate(double fps, Foreground foreground) {
        if (pairs.isEmpty()) {
            return new CameraMotion(CameraMotion.UNDETERMINED, 0, 1, 0, 0, "");
        }
        return rule.describe(path(fps, foreground));
    }

    /**
     * The measured per-pair transforms of the frames fed so far, off {@code foreground}.
     *
     * @throws IllegalStateException when no frame was fed
     */
    public CameraPath path(double fps, Foreground foreground) {
        if (lastIndex < 0) {
            throw new IllegalStateException("no frame was fed");
        }
        List<Similarity> steps = new ArrayList<>(pairs.size());
        Similarity guess = Similarity.IDENTITY;
        int lost = 0;
        for (Matches m : pairs) {
            Similarity step = fit(background(m, foreground));
            if (step == null) {
                lost++;
                step = guess;
            }
            steps.add(step);
            guess = step;
        }
        return new CameraPath(width, height, fps, steps, lost);
    }

    @Override
    public void close() {
        release(previous, current, mask, start, forward, backward, forwardStatus, backwardStatus, error, corners);
        window.close();
        criteria.close();
        previous = null;
        current = null;
        mask = null;
    }

    private static void release(Mat... mats) {
        for (Mat m : mats) {
            if (m != null) {
                m.close();
            }
        }
    }

    private void allocate(int w, int h) {
        release(previous, current, mask);
        width = w;
        height = h;
        previous = new Mat(h, w, CV_8UC1);
        current = new Mat(h, w, CV_8UC1);
        mask = new Mat(h, w, CV_8UC1);
        gray = new byte[w * h];
        maskPixels = new byte[w * h];
    }

    /**
     * Grey levels, histogram-equalised: the ranks of the levels survive the exposure changes of
     * automatic cameras (a white car entering a grey scene darkens the whole picture), which break
     * Lucas–Kanade's constant-brightness assumption on faint texture.
     */
    private void toGray(RgbImage image) {
        byte[] rgb = image.pixels();
        for (int i = 0, o = 0; i < gray.length; i++, o += 3) {
            gray[i] = (byte) ((77 * (rgb[o] & 0xff) + 150 * (rgb[o + 1] & 0xff) + 29 * (rgb[o + 2] & 0xff)) >> 8);
        }
        current.data().put(gray);
        equalizeHist(current, current);
    }

    /** Tracks the points from the previous frame into the current one and records the reliable matches. */
    private void track(int from, int to) {
        int n = points.length / 2;
        if (n == 0) {
            pairs.add(new Matches(from, to, NONE, NONE));
            return;
        }
        start.create(n, 1, CV_32FC2);
        new FloatPointer(start.data()).put(points);
        calcOpticalFlowPyrLK(previous, current, start, forward, forwardStatus, error, window, PYRAMID_LEVELS,
                criteria, 0, 1e-4);
        calcOpticalFlowPyrLK(current, previous, forward, backward, backwardStatus, error, window, PYRAMID_LEVELS,
                criteria, 0, 1e-4);
        float[] ahead = new float[2 * n];
        float[] back = new float[2 * n];
        byte[] okAhead = new byte[n];
        byte[] okBack = new byte[n];
        new FloatPointer(forward.data()).get(ahead);
        new FloatPointer(backward.data()).get(back);
        forwardStatus.data().get(okAhead);
        backwardStatus.data().get(okBack);
        double limit = settings.forwardBackwardLimit() * width;
        float[] before = new float[2 * n];
        float[] after = new float[2 * n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            float x = ahead[2 * i];
            float y = ahead[2 * i + 1];
            if (okAhead[i] == 0 || okBack[i] == 0 || x < 0 || y < 0 || x > width - 1 || y > height - 1
                    || Math.hypot(back[2 * i] - points[2 * i], back[2 * i + 1] - points[2 * i + 1]) > limit) {
                continue;
            }
            before[2 * kept] = points[2 * i];
            before[2 * kept + 1] = points[2 * i + 1];
            after[2 * kept] = x;
            after[2 * kept + 1] = y;
            kept++;
        }
        pairs.add(new Matches(from, to, Arrays.copyOf(before, 2 * kept), Arrays.copyOf(after, 2 * kept)));
        points = Arrays.copyOf(after, 2 * kept);
    }

    /**
     * Adds good features of the current frame away from the tracked points, each cell of a grid
     * filled up to its share: corner strength is judged within the cell, so a strongly textured
     * moving object cannot take the features of a faint background.
     */
    private void seed() {
        int target = settings.points();
        double spacing = Math.max(3, Math.min(width, height) / 30.0);
        int rows = Math.max(1, (int) Math.round(GRID_COLUMNS * height / (double) width));
        int quota = (int) Math.ceil(target / (double) (GRID_COLUMNS * rows));
        int[] perCell = new int[GRID_COLUMNS * rows];
        Arrays.fill(maskPixels, (byte) 255);
        int r = (int) Math.ceil(spacing);
        for (int i = 0; i < points.length; i += 2) {
            int px = Math.round(points[i]);
            int py = Math.round(points[i + 1]);
            perCell[cell(px, py, rows)]++;
            for (int y = Math.max(0, py - r); y <= Math.min(height - 1, py + r); y++) {
                Arrays.fill(maskPixels, y * width + Math.max(0, px - r), y * width + Math.min(width - 1, px + r) + 1,
                        (byte) 0);
            }
        }
        mask.data().put(maskPixels);
        float[] grown = Arrays.copyOf(points, points.length + 2 * quota * perCell.length);
        int n = points.length / 2;
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < GRID_COLUMNS; column++) {
                int wanted = quota - perCell[row * GRID_COLUMNS + column];
                if (wanted <= 0) {
                    continue;
                }
                int x0 = column * width / GRID_COLUMNS;
                int y0 = row * height / rows;
                int x1 = (column + 1) * width / GRID_COLUMNS;
                int y1 = (row + 1) * height / rows;
                if (x1 - x0 < 3 || y1 - y0 < 3) {
                    continue;
                }
                try (Rect area = new Rect(x0, y0, x1 - x0, y1 - y0);
                     Mat image = new Mat(current, area);
                     Mat allowed = new Mat(mask, area)) {
                    goodFeaturesToTrack(image, corners, wanted, FEATURE_QUALITY, spacing, allowed, 3, false, 0.04);
                }
                int found = corners.empty() ? 0 : corners.rows();
                if (found == 0) {
                    continue;
                }
                float[] xy = new float[2 * found];
                new FloatPointer(corners.data()).get(xy);
                for (int i = 0; i < found; i++) {
                    grown[2 * n] = xy[2 * i] + x0;
                    grown[2 * n + 1] = xy[2 * i + 1] + y0;
                    n++;
                }
            }
        }
        points = Arrays.copyOf(grown, 2 * n);
    }

    private int cell(int x, int y, int rows) {
        int column = Math.min(GRID_COLUMNS - 1, Math.max(0, x * GRID_COLUMNS / width));
        int row = Math.min(rows - 1, Math.max(0, y * rows / height));
        return row * GRID_COLUMNS + column;
    }

    /**
     * The matches of {@code m} whose both ends lie off the foreground by at least half the tracking
     * window: a window that straddles a moving object's edge is pulled along by it.
     */
    private Matches background(Matches m, Foreground foreground) {
        if (foreground == Foreground.NONE) {
            return m;
        }
        int n = m.before().length / 2;
        float[] before = new float[2 * n];
        float[] after = new float[2 * n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            float x0 = m.before()[2 * i];
            float y0 = m.before()[2 * i + 1];
            float x1 = m.after()[2 * i];
            float y1 = m.after()[2 * i + 1];
            if (near(foreground, m.from(), x0, y0) || near(foreground, m.to(), x1, y1)) {
                continue;
            }
            before[2 * kept] = x0;
            before[2 * kept + 1] = y0;
            after[2 * kept] = x1;
            after[2 * kept + 1] = y1;
            kept++;
        }
        return new Matches(m.from(), m.to(), Arrays.copyOf(before, 2 * kept), Arrays.copyOf(after, 2 * kept));
    }

    /** Whether the foreground covers (x, y) or a point half a tracking window away along an axis. */
    private boolean near(Foreground foreground, int frame, float x, float y) {
        int r = WINDOW / 2;
        return foreground.covers(frame, x / width, y / height)
                || foreground.covers(frame, (x - r) / width, y / height)
                || foreground.covers(frame, (x + r) / width, y / height)
                || foreground.covers(frame, x / width, (y - r) / height)
                || foreground.covers(frame, x / width, (y + r) / height);
    }

    /** One RANSAC similarity and the matches that agree with it. */
    private record Fit(Similarity transform, boolean[] inliers, int count) {
    }

    /**
     * The camera's similarity for one pair, or null when too few points agree. RANSAC finds the
     * largest consensus, then a second one among its outliers; the one whose points cover more cells
     * of the grid wins. A strongly textured object that moves across a faint background can hold more
     * points than the background, but not spread over more of the frame.
     */
    private Similarity fit(Matches m) {
        Fit first = ransac(m.before(), m.after());
        if (first == null) {
            return null;
        }
        int n = m.before().length / 2;
        int rest = n - first.count();
        if (rest < settings.minInliers()) {
            return first.transform();
        }
        float[] before = new float[2 * rest];
        float[] after = new float[2 * rest];
        for (int i = 0, k = 0; i < n; i++) {
            if (!first.inliers()[i]) {
                before[2 * k] = m.before()[2 * i];
                before[2 * k + 1] = m.before()[2 * i + 1];
                after[2 * k] = m.after()[2 * i];
                after[2 * k + 1] = m.after()[2 * i + 1];
                k++;
            }
        }
        Fit second = ransac(before, after);
        if (second == null) {
            return first.transform();
        }
        return cells(before, second.inliers()) > cells(m.before(), first.inliers()) ? second.transform()
                : first.transform();
    }

    /** How many cells of the seeding grid hold at least one of the chosen points. */
    private int cells(float[] xy, boolean[] chosen) {
        int rows = Math.max(1, (int) Math.round(GRID_COLUMNS * height / (double) width));
        boolean[] hit = new boolean[GRID_COLUMNS * rows];
        int count = 0;
        for (int i = 0; i < chosen.length; i++) {
            if (chosen[i]) {
                int c = cell(Math.round(xy[2 * i]), Math.round(xy[2 * i + 1]), rows);
                if (!hit[c]) {
                    hit[c] = true;
                    count++;
                }
            }
        }
        return count;
    }

    private Fit ransac(float[] before, float[] after) {
        int n = before.length / 2;
        if (n < settings.minInliers()) {
            return null;
        }
        try (Mat from = new Mat(n, 1, CV_32FC2);
             Mat to = new Mat(n, 1, CV_32FC2);
             Mat inliers = new Mat()) {
            new FloatPointer(from.data()).put(before);
            new FloatPointer(to.data()).put(after);
            try (Mat affine = estimateAffinePartial2D(from, to, inliers, RANSAC, settings.ransacThreshold() * width,
                    2000, 0.99, 10)) {
                if (affine.empty() || inliers.empty()) {
                    return null;
                }
                byte[] flags = new byte[n];
                inliers.data().get(flags);
                boolean[] agree = new boolean[n];
                int count = 0;
                for (int i = 0; i < n; i++) {
                    agree[i] = flags[i] != 0;
                    count += agree[i] ? 1 : 0;
                }
                if (count < settings.minInliers()) {
                    return null;
                }
                double[] c = new double[6];
                new DoublePointer(affine.data()).get(c);
                return new Fit(new Similarity(c[0], c[3], c[2], c[5]), agree, count);
            }
        }
    }
}
