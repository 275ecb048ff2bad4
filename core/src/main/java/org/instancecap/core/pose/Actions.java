package org.instancecap.core.pose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.detect.Box;

/**
 * What a person does, decided from its keypoint track by fixed rules. Every length is measured in
 * the person's own torso length {@code L} (the median distance from the shoulders' midpoint to the
 * hips' midpoint), so the rules hold for people near and far; travel is the hips' path with the
 * camera's measured translation taken off. The rules, in the order they are tried:
 *
 * <ul>
 *   <li><b>jumping</b>: the hips, taken off their straight course, go up and down by at least
 *       {@link #JUMP_SWING}·L at least {@link #JUMP_SWINGS} times, and the ankles (where seen) go with
 *       them by at least half that, so the feet leave the ground rather than the knees bending;</li>
 *   <li><b>running</b> / <b>walking</b>: the hips travel sideways at least {@link #WALK_PATH}·L in all while
 *       the ankles' spacing changes by at least {@link #STRIDE}·L (steps); running when the travel
 *       exceeds {@link #RUN_SPEED}·L a second; "to the left/right" when the net travel is at least
 *       {@link #WALK_PATH}·L that way;</li>
 *   <li><b>sitting</b>: on most frames the thighs lie within {@link #THIGH_FLAT}·L of level; or, with
 *       the legs never seen, the person stays still, its box ends within {@link #HIDDEN_LEGS}·L
 *       below the hips and above the frame's edge, and a seat or table instance is in the clip;</li>
 *   <li><b>crouching</b>: on a quarter of the frames or more the hips are less than
 *       {@link #CROUCH}·L above the ankles (about 2·L when standing);</li>
 *   <li><b>standing</b>: upright and staying, with knees and ankles seen below the hips;</li>
 *   <li>and, besides any of these: <b>bending over</b> (the torso more than {@link #BEND} degrees from
 *       upright on a quarter of the frames), <b>raising the arms</b> (a wrist above the nose on two frames
 *       or more) or <b>waving</b> (raised and swinging sideways by {@link #WAVE}·L back and forth),
 *       <b>kicking</b> (on two frames or more, one ankle {@link #FOOT_LIFT}·L or more above the other,
 *       without jumping or travelling), <b>juggling a ball</b> (with the legs seen on most frames, a
 *       sports ball instance over the person reverses its height relative to the person by
 *       {@link #BALL_SWING} of the person's height twice, or once with a foot lifted), and
 *       <b>turning around</b> (the face seen on {@link #TURN_RUN} frames in a row and not seen on
 *       {@link #TURN_RUN} in a row, one run after the other: the person faces, then turns its back,
 *       or the other way).</li>
 * </ul>
 * With fewer than {@link #MIN_POSES} poses, or no torso seen, nothing is said.
 *
 * @param names    the actions found, posture or travel first
 * @param evidence the measurements the rules decided on, by name, in torso lengths or seconds
 */
public record Actions(List<String> names, Map<String, Double> evidence) {
    public static final Actions NONE = new Actions(List.of(), Map.of());

    static final int MIN_POSES = 4;
    static final double JUMP_SWING = 0.35;
    static final int JUMP_SWINGS = 3;
    static final double WALK_PATH = 2.0;
    static final double STRIDE = 0.3;
    static final double RUN_SPEED = 5;
    static final double THIGH_FLAT = 0.45;
    static final double HIDDEN_LEGS = 0.8;
    static final double CROUCH = 1.0;
    static final double BEND = 45;
    static final double WAVE = 0.4;
    static final double STILL = 0.5;
    static final double FOOT_LIFT = 0.4;
    static final double BALL_SWING = 0.1;
    static final int TURN_RUN = 3;

    /** Classes a seated person is found at. */
    static final List<String> SEATS = List.of("chair", "couch", "bench", "bed", "dining table", "toilet");

    public Actions {
        names = List.copyOf(names);
        // in name order, so records written twice are the same
        evidence = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(evidence));
    }

    /** The actions of the person whose poses are {@code steps}, in a clip whose findings are {@code result}. */
    public static Actions of(List<PoseTrack.Step> steps, AmcResult result) {
        return of(steps, result, null);
    }

    /**
     * @param person the person's instance, to find a ball over its legs; null to leave balls out
     */
    public static Actions of(List<PoseTrack.Step> steps, AmcResult result, Instance person) {
        List<PoseTrack.Step> seen = PoseTrack.seen(steps);
        if (seen.size() < MIN_POSES) {
            return NONE;
        }
        double torso = median(seen.stream().map(Actions::torso).filter(t -> t > 0).mapToDouble(Double::doubleValue).toArray());
        if (!(torso > 0)) {
            return NONE;
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("torso_px", round(torso));
        List<String> names = new ArrayList<>();
        double[] camera = cameraVelocity(result);

        double[] t = seen.stream().mapToDouble(PoseTrack.Step::time).toArray();
        double[] hipY = series(seen, s -> mid(s.pose(), "left_hip", "right_hip").map(p -> p[1]));
        double[] hipX = series(seen, s -> mid(s.pose(), "left_hip", "right_hip").map(p -> p[0]));
        double[] ankleY = series(seen, s -> lowest(s.pose(), "left_ankle", "right_ankle"));
        // travel with the camera's translation taken off (content moving left under a pan right adds to the hips' leftward shift)
        double[] worldX = new double[t.length];
        double[] worldY = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            worldX[i] = Double.isNaN(hipX[i]) ? Double.NaN : hipX[i] - camera[0] * result.info().width() * (t[i] - t[0]);
            worldY[i] = Double.isNaN(hipY[i]) ? Double.NaN : hipY[i] - camera[1] * result.info().height() * (t[i] - t[0]);
        }

        double hipSwings = swings(detrended(t, worldY), JUMP_SWING * torso);
        double ankleSwings = swings(detrended(t, ankleY), JUMP_SWING * torso / 2);
        boolean anklesSeen = count(ankleY) >= MIN_POSES;
        evidence.put("hip_swings", hipSwings);
        evidence.put("ankle_swings", ankleSwings);
        boolean jumping = hipSwings >= JUMP_SWINGS && (!anklesSeen || ankleSwings >= JUMP_SWINGS - 1);

        double path = pathLength(smoothed(worldX)) / torso;
        double net = netTravel(worldX) / torso;
        double seconds = t[t.length - 1] - t[0];
        double stride = range(series(seen, Actions::ankleSpacing)) / torso;
        evidence.put("path", round(path));
        evidence.put("net_x", round(net));
        evidence.put("stride_range", round(stride));
        boolean undetermined = CameraMotion.UNDETERMINED.equals(result.camera().label());
        boolean travels = !undetermined && path >= WALK_PATH && stride >= STRIDE;
        // the smoothing shortens the path of a short track; its net travel is a floor
        double speed = seconds > 0 ? Math.max(path, Math.abs(net)) / seconds : 0;
        evidence.put("speed", round(speed));

        double flatThighs = share(seen, Actions::thighFlat);
        double crouched = share(seen, s -> hipOverAnkle(s).map(h -> h < CROUCH * torso).orElse(null));
        boolean legsSeen = seen.stream().anyMatch(s -> s.pose().find("left_knee").isPresent() || s.pose().find("right_knee").isPresent());
        boolean still = path < STILL + 0.2 * seconds;
        evidence.put("flat_thighs", round(flatThighs));
        evidence.put("crouched", round(crouched));

        if (jumping) {
            names.add("jumping");
        } else if (travels) {
            String way = Math.abs(net) < WALK_PATH ? "" : net > 0 ? " to the right" : " to the left";
            names.add((speed > RUN_SPEED ? "running" : "walking") + way);
        } else if (flatThighs > 0.5 || !legsSeen && still && seatedBehind(seen, result, torso)) {
            names.add("sitting");
        } else if (crouched >= 0.25) {
            names.add("crouching");
        } else if (still && upright(seen) && standingLegs(seen, torso)) {
            names.add("standing");
        }

        double bent = share(seen, s -> torsoAngle(s).map(a -> a > BEND).orElse(null));
        evidence.put("bent", round(bent));
        if (bent >= 0.25 && !names.contains("crouching")) {
            names.add("bending over");
        }
        int raised = (int) seen.stream().filter(Actions::wristAboveNose).count();
        evidence.put("raised_frames", (double) raised);
        if (raised >= 2) {
            double wave = swings(series(seen, s -> raisedWristX(s)), WAVE * torso);
            names.add(wave >= 3 ? "waving" : "raising the arms");
        }
        int lifts = (int) seen.stream().filter(s -> footLifted(s, torso)).count();
        evidence.put("foot_lifts", (double) lifts);
        boolean legs = share(seen, s -> lowest(s.pose(), "left_ankle", "right_ankle").isPresent()) > 0.5;
        double ball = person == null || !legs ? 0 : ballBounces(result, person);
        evidence.put("ball_swings", ball);
        if (ball >= 2 || ball >= 1 && lifts >= 1) {
            names.add("juggling a ball");
        } else if (lifts >= 2 && !jumping && !travels) {
            names.add("kicking");
        }
        if (turns(seen)) {
            names.add("turning around");
        }
        return new Actions(names, evidence);
    }

    /** The content's translation per second in frame widths and heights, from the camera's label and speed. */
    static double[] cameraVelocity(AmcResult result) {
        CameraMotion camera = result.camera();
        double x = 0;
        double y = 0;
        for (String part : camera.label().split("\\+")) {
            switch (part) {
                case "pan_left" -> x += 1;
                case "pan_right" -> x -= 1;
                case "tilt_up" -> y += 1;
                case "tilt_down" -> y -= 1;
                default -> {
                }
            }
        }
        double norm = Math.hypot(x, y);
        return norm == 0 ? new double[] {0, 0} : new double[] {x / norm * camera.speed(), y / norm * camera.speed()};
    }

    private static double torso(PoseTrack.Step s) {
        Optional<double[]> shoulders = mid(s.pose(), "left_shoulder", "right_shoulder");
        Optional<double[]> hips = mid(s.pose(), "left_hip", "right_hip");
        return shoulders.isPresent() && hips.isPresent() ? distance(shoulders.get(), hips.get()) : -1;
    }

    /** The midpoint of two keypoints, or the one seen. */
    static Optional<double[]> mid(Pose pose, String a, String b) {
        Optional<Keypoint> ka = pose.find(a);
        Optional<Keypoint> kb = pose.find(b);
        if (ka.isPresent() && kb.isPresent()) {
            return Optional.of(new double[] {(ka.get().x() + kb.get().x()) / 2, (ka.get().y() + kb.get().y()) / 2});
        }
        return ka.or(() -> kb).map(k -> new double[] {k.x(), k.y()});
    }

    /** The lower (larger row) of the two keypoints seen. */
    private static Optional<Double> lowest(Pose pose, String a, String b) {
        return java.util.stream.Stream.of(pose.find(a), pose.find(b)).flatMap(Optional::stream).map(Keypoint::y)
                .max(Double::compare);
    }

    private static Optional<Double> ankleSpacing(PoseTrack.Step s) {
        Optional<Keypoint> l = s.pose().find("left_ankle");
        Optional<Keypoint> r = s.pose().find("right_ankle");
        return l.isPresent() && r.isPresent() ? Optional.of(Math.hypot(l.get().x() - r.get().x(), l.get().y() - r.get().y()))
                : Optional.empty();
    }

    /** Whether the thighs (where seen) lie nearly level: null when no thigh was seen. */
    private static Boolean thighFlat(PoseTrack.Step s) {
        double torso = torso(s);
        if (torso <= 0) {
            return null;
        }
        Boolean flat = null;
        for (String side : List.of("left", "right")) {
            Optional<Keypoint> hip = s.pose().find(side + "_hip");
            Optional<Keypoint> knee = s.pose().find(side + "_knee");
            if (hip.isPresent() && knee.isPresent()) {
                boolean level = Math.abs(knee.get().y() - hip.get().y()) < THIGH_FLAT * torso;
                flat = flat == null ? level : flat && level;
            }
        }
        return flat;
    }

    private static Optional<Double> hipOverAnkle(PoseTrack.Step s) {
        Optional<double[]> hips = mid(s.pose(), "left_hip", "right_hip");
        Optional<Double> ankle = lowest(s.pose(), "left_ankle", "right_ankle");
        return hips.isPresent() && ankle.isPresent() ? Optional.of(ankle.get() - hips.get()[1]) : Optional.empty();
    }

    /** Degrees of the hips-to-shoulders line from upright. */
    private static Optional<Double> torsoAngle(PoseTrack.Step s) {
        Optional<double[]> shoulders = mid(s.pose(), "left_shoulder", "right_shoulder");
        Optional<double[]> hips = mid(s.pose(), "left_hip", "right_hip");
        if (shoulders.isEmpty() || hips.isEmpty()) {
            return Optional.empty();
        }
        double dx = shoulders.get()[0] - hips.get()[0];
        double dy = hips.get()[1] - shoulders.get()[1];
        return Optional.of(Math.toDegrees(Math.atan2(Math.abs(dx), dy)));
    }

    private static boolean upright(List<PoseTrack.Step> seen) {
        return share(seen, s -> torsoAngle(s).map(a -> a < 25).orElse(null)) > 0.75;
    }

    private static boolean standingLegs(List<PoseTrack.Step> seen, double torso) {
        return share(seen, s -> hipOverAnkle(s).map(h -> h > 1.5 * torso).orElse(null)) > 0.75;
    }

    private static boolean wristAboveNose(PoseTrack.Step s) {
        Optional<Keypoint> nose = s.pose().find("nose");
        Optional<double[]> shoulders = mid(s.pose(), "left_shoulder", "right_shoulder");
        double top = nose.map(Keypoint::y).orElse(shoulders.map(p -> p[1] - 0.4 * torso(s)).orElse(Double.NaN));
        if (Double.isNaN(top)) {
            return false;
        }
        return s.pose().find("left_wrist").map(w -> w.y() < top).orElse(false)
                || s.pose().find("right_wrist").map(w -> w.y() < top).orElse(false);
    }

    private static Optional<Double> raisedWristX(PoseTrack.Step s) {
        if (!wristAboveNose(s)) {
            return Optional.empty();
        }
        Optional<Keypoint> l = s.pose().find("left_wrist");
        Optional<Keypoint> r = s.pose().find("right_wrist");
        Keypoint higher = l.isPresent() && (r.isEmpty() || l.get().y() < r.get().y()) ? l.get() : r.orElse(null);
        return higher == null ? Optional.empty() : Optional.of(higher.x());
    }

    /** One ankle well above the other. */
    private static boolean footLifted(PoseTrack.Step s, double torso) {
        Optional<Keypoint> l = s.pose().find("left_ankle");
        Optional<Keypoint> r = s.pose().find("right_ankle");
        return l.isPresent() && r.isPresent() && Math.abs(l.get().y() - r.get().y()) >= FOOT_LIFT * torso;
    }

    /** A run of frames with the face seen next to a run without it (the head keypoints need a face towards the camera). */
    private static boolean turns(List<PoseTrack.Step> seen) {
        List<Integer> runs = new ArrayList<>();
        List<Boolean> kinds = new ArrayList<>();
        for (PoseTrack.Step s : seen) {
            boolean face = s.pose().find("nose").isPresent()
                    && (s.pose().find("left_eye").isPresent() || s.pose().find("right_eye").isPresent());
            if (!kinds.isEmpty() && kinds.get(kinds.size() - 1).booleanValue() == face) {
                runs.set(runs.size() - 1, runs.get(runs.size() - 1) + 1);
            } else {
                kinds.add(face);
                runs.add(1);
            }
        }
        List<Boolean> longRuns = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i) >= TURN_RUN && (longRuns.isEmpty() || !longRuns.get(longRuns.size() - 1).equals(kinds.get(i)))) {
                longRuns.add(kinds.get(i));
            }
        }
        return longRuns.size() >= 2;
    }

    /** Whether the person's box ends just below its hips, above the frame's edge, with a seat or table in the clip. */
    private static boolean seatedBehind(List<PoseTrack.Step> seen, AmcResult result, double torso) {
        boolean seat = result.instances().stream().anyMatch(i -> SEATS.contains(i.label()));
        double hidden = share(seen, s -> mid(s.pose(), "left_hip", "right_hip")
                .map(h -> s.box().y2() - h[1] < HIDDEN_LEGS * torso && s.box().y2() < result.info().height() - 2).orElse(null));
        return seat && hidden > 0.75;
    }

    /**
     * How many times a sports ball over the person reverses its vertical course relative to the
     * person by {@link #BALL_SWING} of the person's height, on the sampled frames.
     */
    static double ballBounces(AmcResult result, Instance person) {
        double best = 0;
        for (Instance ball : result.instances()) {
            if (!"sports ball".equals(ball.label())) {
                continue;
            }
            List<Double> heights = new ArrayList<>();
            int n = 0;
            for (int f = 0; f < ball.boxes().size(); f++) {
                Box b = ball.boxes().get(f);
                Box p = person.boxes().get(f);
                if (b == null || p == null || b.centerX() < p.x1() - 0.25 * p.width() || b.centerX() > p.x2() + 0.25 * p.width()) {
                    continue;
                }
                heights.add((p.y2() - b.centerY()) / p.height());
                n++;
            }
            if (n >= 3) {
                best = Math.max(best, swings(heights.stream().mapToDouble(Double::doubleValue).toArray(), BALL_SWING));
            }
        }
        return best;
    }

    private interface Measure {
        Optional<Double> of(PoseTrack.Step step);
    }

    private interface Test {
        Boolean of(PoseTrack.Step step);
    }

    private static double[] series(List<PoseTrack.Step> steps, Measure measure) {
        return steps.stream().mapToDouble(s -> measure.of(s).orElse(Double.NaN)).toArray();
    }

    /** Of the steps the test can decide (non-null), the share where it holds; 0 when none. */
    private static double share(List<PoseTrack.Step> steps, Test test) {
        int decided = 0;
        int yes = 0;
        for (PoseTrack.Step s : steps) {
            Boolean b = test.of(s);
            if (b != null) {
                decided++;
                yes += b ? 1 : 0;
            }
        }
        return decided == 0 ? 0 : yes / (double) decided;
    }

    /** The values less the least-squares line through them over time (NaN kept as NaN). */
    static double[] detrended(double[] t, double[] v) {
        double st = 0;
        double sv = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                st += t[i];
                sv += v[i];
                n++;
            }
        }
        if (n < 2) {
            return v.clone();
        }
        double mt = st / n;
        double mv = sv / n;
        double cov = 0;
        double var = 0;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i])) {
                cov += (t[i] - mt) * (v[i] - mv);
                var += (t[i] - mt) * (t[i] - mt);
            }
        }
        double slope = var == 0 ? 0 : cov / var;
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.isNaN(v[i]) ? Double.NaN : v[i] - mv - slope * (t[i] - mt);
        }
        return out;
    }

    /**
     * How many times the values reverse course by at least {@code swing}: a move of that size one way
     * after a move of that size the other way counts once more (hysteresis, so noise does not count).
     */
    static double swings(double[] values, double swing) {
        int count = 0;
        double low = Double.NaN;
        double high = Double.NaN;
        int direction = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (Double.isNaN(low)) {
                low = v;
                high = v;
                continue;
            }
            if (direction >= 0 && v > high) {
                high = v;
            } else if (direction <= 0 && v < low) {
                low = v;
            }
            if (direction >= 0 && high - v >= swing) {
                count += direction == 1 ? 1 : 0;
                direction = -1;
                low = v;
            } else if (direction <= 0 && v - low >= swing) {
                count += direction == -1 ? 1 : 0;
                direction = 1;
                high = v;
            }
        }
        return count;
    }

    /** The sideways distance covered: bobbing and jumping go up and down, travel across the picture. */
    private static double pathLength(double[] x) {
        double total = 0;
        double previous = Double.NaN;
        for (double v : x) {
            if (Double.isNaN(v)) {
                continue;
            }
            if (!Double.isNaN(previous)) {
                total += Math.abs(v - previous);
            }
            previous = v;
        }
        return total;
    }

    /** Each value the mean of itself and its seen neighbours, so the keypoints' jitter does not add up to travel. */
    static double[] smoothed(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                out[i] = Double.NaN;
                continue;
            }
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, i - 1); j <= Math.min(v.length - 1, i + 1); j++) {
                if (!Double.isNaN(v[j])) {
                    sum += v[j];
                    n++;
                }
            }
            out[i] = sum / n;
        }
        return out;
    }

    private static double netTravel(double[] x) {
        double[] seen = Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
        return seen.length < 2 ? 0 : seen[seen.length - 1] - seen[0];
    }

    private static double range(double[] v) {
        double[] seen = Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
        return seen.length < 2 ? 0 : Arrays.stream(seen).max().orElse(0) - Arrays.stream(seen).min().orElse(0);
    }

    private static int count(double[] v) {
        return (int) Arrays.stream(v).filter(d -> !Double.isNaN(d)).count();
    }

    private static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
