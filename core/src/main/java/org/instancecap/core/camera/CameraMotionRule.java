package org.instancecap.core.camera;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Names the camera motion of a measured {@link CameraPath}: the paper's border rule (the same as
 * VBench's and Open-Sora's) applied to the dominant part of the motion, plus speed, zoom, roll,
 * jitter and a degree adverb.
 *
 * <p><b>The border rule.</b> A 10×10 grid spans the first frame (CoTracker's grid: a margin of
 * width / 64 on every side) and is carried to the last frame by the accumulated transform. The mean
 * displacement of the four middle points of each border (top row, bottom row, left column, right
 * column) gets a direction per axis: right or left when |dx| exceeds {@code factor × min(H, W)},
 * down or up likewise for dy, static when neither does. Each direction of the top border is paired
 * with each direction of the bottom border, and likewise left with right: left+left gives pan_right,
 * right+right pan_left, down+down tilt_up, up+up tilt_down, up+down (top, bottom) or left+right
 * (left, right) zoom_in, the reverses zoom_out, static+static static. The distinct labels are joined
 * by {@code +}; static is dropped when another label exists; no label at all is Undetermined.
 *
 * <p><b>Dominance</b> (ours). A clip rarely moves along one axis only: AnimateDiff's tilt_up clip
 * also drifts sideways by three quarters of its tilt, and the pure rule then names every motion that
 * crosses the threshold (pan_left+tilt_up). So the
 * accumulated similarity is first split into four components, each measured as the displacement it
 * causes at the border points the rule looks at: pan (horizontal shift of the frame centre), tilt
 * (vertical shift), zoom ({@code |scale - 1|} times the distance from the centre to the farther
 * border line) and roll (the chord the rotation sweeps at that distance). A component smaller than
 * {@code dominance} times the largest is dropped (default 0.9: a combined label such as
 * pan_left+zoom_in means two motions of nearly the same size), and the border rule names what is
 * left. Roll is never passed on: the taxonomy has no roll.
 *
 * <p><b>Undetermined</b> (ours) also when the roll is clear (it passes the dominance test and sweeps
 * more than the static threshold), when the camera shakes ({@link CameraMotion#jitter()} at least
 * {@code jitterLimit}), or when more than {@code maxLostShare} of the steps could not be measured.
 *
 * <p><b>Adverb</b> (ours), empty for a static label. The rate is the largest of: speed (frames per
 * second), {@code |ln zoom|} per second, and half the roll in radians per second (the arc at half a
 * frame from the centre). {@code sharply} when the camera shakes or the motion is abrupt (at least
 * half of the path, summed over steps, falls within 15% of the steps in a row); otherwise
 * {@code slowly} below {@code slowRate}, {@code rapidly} from {@code rapidRate}, {@code steadily}
 * between.
 */
public final class CameraMotionRule {

    /** Points per grid side, as in the paper. */
    public static final int GRID = 10;
    /** The share of the clip's duration within which an abrupt motion does half of its path. */
    static final double ABRUPT_WINDOW_SHARE = 0.15;
    /** Steps on each side of a step in the moving average that is jitter's smooth course. */
    static final int SMOOTHING_HALF_WINDOW = 1;

    /**
     * Thresholds of the rule. The defaults were set on the project's labelled clips: jitter is at
     * most 0.0022 on every clip but the synthetic shake (0.012); a tilt's sideways drift reaches 0.82
     * of the tilt on AnimateDiff's clips; the synthetic 3 s pans and zooms (0.17 frames and
     * ln 2 per 3 s) read as steady.
     *
     * @param factor       a border is static below {@code factor × min(H, W)} (paper: 0.1)
     * @param dominance    a motion component smaller than this share of the largest one is dropped
     * @param jitterLimit  jitter (fraction of the frame per frame) from which the clip counts as shaking
     * @param maxLostShare the share of unmeasured steps above which the motion is Undetermined
     * @param slowRate     below this rate (frames per second) the motion is slow
     * @param rapidRate    from this rate (frames per second) the motion is rapid
     */
    public record Settings(double factor, double dominance, double jitterLimit, double maxLostShare,
                           double slowRate, double rapidRate) {
        public static final Settings DEFAULT = new Settings(0.1, 0.9, 0.005, 0.5, 0.05, 0.3);

        public Settings {
            if (!(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("factor must be in (0, 1), got " + factor);
            }
            if (!(dominance >= 0 && dominance <= 1)) {
                throw new IllegalArgumentException("dominance must be in [0, 1], got " + dominance);
            }
            if (!(jitterLimit > 0)) {
                throw new IllegalArgumentException("jitterLimit must be > 0, got " + jitterLimit);
            }
            if (!(maxLostShare >= 0 && maxLostShare <= 1)) {
                throw new IllegalArgumentException("maxLostShare must be in [0, 1], got " + maxLostShare);
            }
            if (!(slowRate > 0 && rapidRate > slowRate)) {
                throw new IllegalArgumentException("rates must satisfy 0 < slowRate < rapidRate, got "
                        + slowRate + " and " + rapidRate);
            }
        }
    }

    /** The labels of the taxonomy, in the order they are joined. */
    public enum Label {
        PAN_LEFT, PAN_RIGHT, TILT_UP, TILT_DOWN, ZOOM_IN, ZOOM_OUT, STATIC;

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The accumulated motion split as the dominance test sees it: each value is the displacement,
     * in analysed pixels, that the component causes at the border points of the grid.
     */
    public record Components(double pan, double tilt, double zoom, double roll) {
        public double largest() {
            return Math.max(Math.max(pan, tilt), Math.max(zoom, roll));
        }
    }

    private final Settings settings;

    public CameraMotionRule(Settings settings) {
        this.settings = settings;
    }

    public CameraMotionRule() {
        this(Settings.DEFAULT);
    }

    public Settings settings() {
        return settings;
    }

    /** The camera motion of {@code path}. */
    public CameraMotion describe(CameraPath path) {
        int w = path.width();
        int h = path.height();
        double seconds = path.seconds();
        if (path.steps().isEmpty()) {
            return new CameraMotion(CameraMotion.UNDETERMINED, 0, 1, 0, 0, "");
        }
        Similarity total = path.total();
        double cx = w / 2.0;
        double cy = h / 2.0;
        double shiftX = total.x(cx, cy) - cx;
        double shiftY = total.y(cx, cy) - cy;
        double speed = Math.hypot(shiftX / w, shiftY / h) / seconds;
        double zoom = total.scale();
        double turn = total.counterClockwiseRadians();
        double jitter = jitter(path);

        String label = label(path, total, jitter);
        double rate = Math.max(speed, Math.max(Math.abs(Math.log(zoom)), Math.abs(turn) / 2) / seconds);
        String adverb = label.equals(CameraMotion.STATIC) ? "" : adverb(path, rate, jitter);
        return new CameraMotion(label, speed, zoom, Math.toDegrees(turn), jitter, adverb);
    }

    private String label(CameraPath path, Similarity total, double jitter) {
        if (path.lost() > settings.maxLostShare() * path.steps().size() || jitter >= settings.jitterLimit()) {
            return CameraMotion.UNDETERMINED;
        }
        int w = path.width();
        int h = path.height();
        Components parts = components(total, w, h);
        double keep = settings.dominance() * parts.largest();
        if (parts.roll() >= keep && parts.roll() > staticLimit(w, h)) {
            return CameraMotion.UNDETERMINED;
        }
        double cx = w / 2.0;
        double cy = h / 2.0;
        Similarity dominant = Similarity.about(cx, cy, parts.zoom() >= keep ? total.scale() : 1, 0,
                parts.pan() >= keep ? total.x(cx, cy) - cx : 0,
                parts.tilt() >= keep ? total.y(cx, cy) - cy : 0);
        return join(paperLabels(dominant, w, h, settings.factor()));
    }

    /** {@code labels} joined the paper's way: static only alone, Undetermined when empty. */
    public static String join(Set<Label> labels) {
        if (labels.isEmpty()) {
            return CameraMotion.UNDETERMINED;
        }
        Set<Label> named = EnumSet.copyOf(labels);
        if (named.size() > 1) {
            named.remove(Label.STATIC);
        }
        return named.stream().map(Label::toString).collect(Collectors.joining("+"));
    }

    /** The components of {@code total} as the dominance test measures them. */
    public static Components components(Similarity total, int width, int height) {
        double cx = width / 2.0;
        double cy = height / 2.0;
        double[] xs = gridLine(width, width);
        double[] ys = gridLine(height, width);
        double reach = Math.max(cx - xs[0], cy - ys[0]);
        double scale = total.scale();
        double turn = Math.abs(total.counterClockwiseRadians());
        return new Components(Math.abs(total.x(cx, cy) - cx), Math.abs(total.y(cx, cy) - cy),
                Math.abs(scale - 1) * reach, 2 * scale * reach * Math.sin(turn / 2));
    }

    /** The pure border rule of the paper on the grid moved by {@code total}; no label means Undetermined. */
    public static Set<Label> paperLabels(Similarity total, int width, int height, double factor) {
        double[] xs = gridLine(width, width);
        double[] ys = gridLine(height, width);
        int from = GRID / 2 - 2;
        int to = GRID / 2 + 2;
        double[] top = new double[2];
        double[] bottom = new double[2];
        double[] left = new double[2];
        double[] right = new double[2];
        for (int i = from; i < to; i++) {
            add(top, total, xs[i], ys[0]);
            add(bottom, total, xs[i], ys[GRID - 1]);
            add(left, total, xs[0], ys[i]);
            add(right, total, xs[GRID - 1], ys[i]);
        }
        double limit = factor * Math.min(width, height) * (to - from);
        Set<Label> labels = EnumSet.noneOf(Label.class);
        pair(directions(top, limit), directions(bottom, limit), false, labels);
        pair(directions(left, limit), directions(right, limit), true, labels);
        return labels;
    }

    private double staticLimit(int width, int height) {
        return settings.factor() * Math.min(width, height);
    }

    /** CoTracker's grid positions along one axis: {@link #GRID} points from margin to extent - margin. */
    private static double[] gridLine(int extent, int width) {
        double margin = width / 64.0;
        double[] line = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            line[i] = margin + (extent - 2 * margin) * i / (GRID - 1);
        }
        return line;
    }

    private static void add(double[] sum, Similarity total, double x, double y) {
        sum[0] += total.x(x, y) - x;
        sum[1] += total.y(x, y) - y;
    }

    private enum Direction { LEFT, RIGHT, UP, DOWN, STATIC }

    /** The directions of a summed displacement, one per axis whose sum passes {@code limit}. */
    private static List<Direction> directions(double[] sum, double limit) {
        List<Direction> directions = new ArrayList<>(2);
        if (sum[0] > limit) {
            directions.add(Direction.RIGHT);
        } else if (sum[0] < -limit) {
            directions.add(Direction.LEFT);
        }
        if (sum[1] > limit) {
            directions.add(Direction.DOWN);
        } else if (sum[1] < -limit) {
            directions.add(Direction.UP);
        }
        if (directions.isEmpty()) {
            directions.add(Direction.STATIC);
        }
        return directions;
    }

    /**
     * Adds the labels of every combination of a first border's direction with the opposite border's.
     * {@code columns}: the borders are the left and right columns (zoom shows in x), else the top and
     * bottom rows (zoom shows in y).
     */
    private static void pair(List<Direction> first, List<Direction> second, boolean columns, Set<Label> labels) {
        Direction outFirst = columns ? Direction.LEFT : Direction.UP;
        Direction outSecond = columns ? Direction.RIGHT : Direction.DOWN;
        for (Direction a : first) {
            for (Direction b : second) {
                if (a == b) {
                    switch (a) {
                        case LEFT -> labels.add(Label.PAN_RIGHT);
                        case RIGHT -> labels.add(Label.PAN_LEFT);
                        case DOWN -> labels.add(Label.TILT_UP);
                        case UP -> labels.add(Label.TILT_DOWN);
                        case STATIC -> labels.add(Label.STATIC);
                    }
                } else if (a == outFirst && b == outSecond) {
                    labels.add(Label.ZOOM_IN);
                } else if (a == outSecond && b == outFirst) {
                    labels.add(Label.ZOOM_OUT);
                }
            }
        }
    }

    /**
     * The spread of the per-step shift of the frame centre (x in widths, y in heights) around its
     * moving average over three steps, root mean square: a smooth motion follows its average however
     * fast it is, and a whip pan departs from it only where it starts and stops, but a shake, whose
     * direction changes from frame to frame, never does.
     */
    static double jitter(CameraPath path) {
        List<Similarity> steps = path.steps();
        int n = steps.size();
        double cx = path.width() / 2.0;
        double cy = path.height() / 2.0;
        double[] dx = new double[n];
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            dx[i] = (steps.get(i).x(cx, cy) - cx) / path.width();
            dy[i] = (steps.get(i).y(cx, cy) - cy) / path.height();
        }
        int half = SMOOTHING_HALF_WINDOW;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            int lo = Math.max(0, i - half);
            int hi = Math.min(n - 1, i + half);
            double mx = 0;
            double my = 0;
            for (int j = lo; j <= hi; j++) {
                mx += dx[j];
                my += dy[j];
            }
            int count = hi - lo + 1;
            double rx = dx[i] - mx / count;
            double ry = dy[i] - my / count;
            sum += rx * rx + ry * ry;
        }
        return Math.sqrt(sum / n);
    }

    private String adverb(CameraPath path, double rate, double jitter) {
        if (jitter >= settings.jitterLimit() || abrupt(path)) {
            return "sharply";
        }
        if (rate < settings.slowRate()) {
            return "slowly";
        }
        return rate >= settings.rapidRate() ? "rapidly" : "steadily";
    }

    /**
     * Whether at least half of the path (per-step border displacement: centre shift plus zoom and
     * turn at half a frame, in frames) falls within the fastest {@link #ABRUPT_WINDOW_SHARE} of the steps.
     */
    private static boolean abrupt(CameraPath path) {
        List<Similarity> steps = path.steps();
        int n = steps.size();
        int window = Math.max(1, (int) Math.round(ABRUPT_WINDOW_SHARE * n));
        if (window >= n) {
            return false;
        }
        double cx = path.width() / 2.0;
        double cy = path.height() / 2.0;
        double[] amount = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            Similarity s = steps.get(i);
            double shift = Math.hypot((s.x(cx, cy) - cx) / path.width(), (s.y(cx, cy) - cy) / path.height());
            amount[i] = shift + 0.5 * Math.abs(s.scale() - 1) + 0.5 * Math.abs(s.counterClockwiseRadians());
            total += amount[i];
        }
        double run = 0;
        double best = 0;
        for (int i = 0; i < n; i++) {
            run += amount[i];
            if (i >= window) {
                run -= amount[i - window];
            }
            best = Math.max(best, run);
        }
        return total > 0 && best >= 0.5 * total;
    }
}
