package org.instancecap.core.amc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.track.BoxTracker;
import org.instancecap.core.track.Hungarian;
import org.instancecap.core.video.RgbImage;

/**
 * Chooses a clip's main instances among the detections of its sampled frames and follows each
 * through all of them: the detections are matched to the instances frame by frame, and the tracker
 * bridges a frame the detector misses.
 *
 * <p>Holds no state between calls; thread-safe where the tracker is.
 */
public final class InstanceAssociation {

    /** Smallest overlap with the box where an instance is expected for a detection to be it. */
    static final double MATCH_IOU = 0.2;
    /** Farthest an instance may move between two sampled frames, in sizes of its box. */
    static final double MAX_JUMP = 2.5;
    /** Overlap from which a candidate in all-frames mode is an instance already taken. */
    static final double SAME_INSTANCE_IOU = 0.3;

    private final BoxTracker tracker;
    private final int maxInstances;
    private final boolean allFrames;

    /**
     * @param tracker      carries a box to the next sampled frame where no detection matches it
     * @param maxInstances instances kept at most, the largest by box area
     * @param allFrames    pick instances from every sampled frame instead of the first only
     */
    public InstanceAssociation(BoxTracker tracker, int maxInstances, boolean allFrames) {
        if (maxInstances < 0) {
            throw new IllegalArgumentException("maxInstances must be >= 0, got " + maxInstances);
        }
        this.tracker = tracker;
        this.maxInstances = maxInstances;
        this.allFrames = allFrames;
    }

    /**
     * The chosen instances and their boxes on every sampled frame.
     *
     * @param seeds the detection each instance was chosen from, largest box first
     * @param boxes per instance, per sampled frame: its box, null where it is out of frame
     */
    public record Tracks(List<Detection> seeds, List<List<Box>> boxes) {
        public Tracks {
            if (seeds.size() != boxes.size()) {
                throw new IllegalArgumentException("seeds and boxes must have one entry per instance, got "
                        + seeds.size() + " and " + boxes.size());
            }
            seeds = List.copyOf(seeds);
            boxes = boxes.stream().map(b -> Collections.unmodifiableList(new ArrayList<>(b))).toList();
        }
    }

    /**
     * Picks the instances, largest box first, and follows them: the first frame's detections (the
     * paper's default), or in all-frames mode the largest detections of any frame that are not an
     * instance taken already.
     *
     * @param images     the sampled frames, in order
     * @param detections per sampled frame, what the detector found on it
     * @param threshold  score from which a detection may be chosen or re-acquire a lost instance; half
     *                   of it suffices to confirm an instance that is in view
     */
    public Tracks associate(List<RgbImage> images, List<List<Detection>> detections, double threshold) {
        if (images.size() != detections.size()) {
            throw new IllegalArgumentException("images and detections must have one entry per frame, got "
                    + images.size() + " and " + detections.size());
        }
        record Candidate(int frame, Detection detection) {
        }
        List<Candidate> candidates = new ArrayList<>();
        int frames = allFrames ? images.size() : Math.min(1, images.size());
        for (int f = 0; f < frames; f++) {
            for (Detection d : detections.get(f)) {
                if (d.score() >= threshold) {
                    candidates.add(new Candidate(f, d));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.detection().box().area()).reversed());
        List<Detection> seeds = new ArrayList<>();
        List<Integer> seedFrames = new ArrayList<>();
        List<Box[]> tracks = new ArrayList<>();
        if (!allFrames) {
            // one frame: its largest detections are distinct instances, followed once together
            for (Candidate c : candidates.subList(0, Math.min(maxInstances, candidates.size()))) {
                seeds.add(c.detection());
                seedFrames.add(c.frame());
            }
            return tracks(seeds, follow(images, detections, threshold, seeds, seedFrames));
        }
        for (Candidate c : candidates) {
            if (seeds.size() >= maxInstances) {
                break;
            }
            boolean taken = false;
            for (int i = 0; i < seeds.size(); i++) {
                Box known = tracks.get(i)[c.frame()];
                taken |= seeds.get(i).label().equals(c.detection().label())
                        && known != null && known.iou(c.detection().box()) >= SAME_INSTANCE_IOU;
            }
            if (!taken) {
                // which later candidates are this instance is known only once it is followed
                seeds.add(c.detection());
                seedFrames.add(c.frame());
                tracks = follow(images, detections, threshold, seeds, seedFrames);
            }
        }
        return tracks(seeds, tracks);
    }

    private static Tracks tracks(List<Detection> seeds, List<Box[]> tracks) {
        return new Tracks(seeds, tracks.stream().map(Arrays::asList).toList());
    }

    /**
     * Boxes of each seed on every sampled frame: forward from its seed frame, then backward to the
     * start. At each step the tracker predicts where each instance went; the detections of its class
     * are then assigned to the instances jointly (Hungarian on 1 − IoU with the prediction), and an
     * instance no detection matches keeps the tracker's box for one frame, or is out of frame. An
     * instance out of frame comes back with a confident detection of its class that no other
     * instance takes.
     */
    private List<Box[]> follow(List<RgbImage> images, List<List<Detection>> detections, double threshold,
                               List<Detection> seeds, List<Integer> seedFrames) {
        int n = images.size();
        List<Box[]> tracks = new ArrayList<>();
        List<boolean[]> detected = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            Box[] boxes = new Box[n];
            boolean[] seen = new boolean[n];
            boxes[seedFrames.get(i)] = seeds.get(i).box();
            seen[seedFrames.get(i)] = true;
            tracks.add(boxes);
            detected.add(seen);
        }
        for (int f = 1; f < n; f++) {
            step(images, detections, threshold, seeds, seedFrames, tracks, detected, f - 1, f);
        }
        for (int f = n - 2; f >= 0; f--) {
            step(images, detections, threshold, seeds, seedFrames, tracks, detected, f + 1, f);
        }
        return tracks;
    }

    private void step(List<RgbImage> images, List<List<Detection>> detections, double threshold, List<Detection> seeds,
                      List<Integer> seedFrames, List<Box[]> tracks, List<boolean[]> detected, int from, int to) {
        boolean forward = to > from;
        List<Integer> moving = new ArrayList<>();
        List<Box> expected = new ArrayList<>();
        List<Box> predicted = new ArrayList<>();
        List<Boolean> lost = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            int seed = seedFrames.get(i);
            boolean due = forward ? seed < to : seed > to;
            Box[] track = tracks.get(i);
            Box last = track[from];
            Box known = last != null ? last : lastSeen(track, from, forward);
            if (!due || known == null) {
                continue;
            }
            // the flow may bridge one frame the detector misses, not two: on a still background a box
            // left behind by its object would otherwise be followed forever
            boolean bridge = last != null && detected.get(i)[from];
            Box guess = bridge ? tracker.track(images.get(from), last, images.get(to)) : null;
            moving.add(i);
            predicted.add(guess);
            expected.add(guess != null ? guess : known);
            lost.add(last == null);
        }
        if (moving.isEmpty()) {
            return;
        }
        // a weaker detection may confirm an instance that is already known: half the instance threshold;
        // what another instance already holds on this frame is not on offer
        List<Box> held = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            if (!moving.contains(i) && tracks.get(i)[to] != null) {
                held.add(tracks.get(i)[to]);
            }
        }
        List<Detection> found = detections.get(to).stream()
                .filter(d -> d.score() >= threshold / 2)
                .filter(d -> held.stream().noneMatch(b -> b.iou(d.box()) >= SAME_INSTANCE_IOU))
                .toList();
        double[][] cost = new double[moving.size()][found.size()];
        for (int r = 0; r < moving.size(); r++) {
            String label = seeds.get(moving.get(r)).label();
            for (int c = 0; c < found.size(); c++) {
                Detection d = found.get(c);
                cost[r][c] = !d.label().equals(label) ? Double.POSITIVE_INFINITY
                        : lost.get(r) ? (d.score() >= threshold ? reacquireCost(expected.get(r), d.box()) : Double.POSITIVE_INFINITY)
                        : matchCost(expected.get(r), d.box());
            }
        }
        int[] match = Hungarian.assign(cost);
        for (int r = 0; r < moving.size(); r++) {
            int i = moving.get(r);
            tracks.get(i)[to] = match[r] >= 0 ? found.get(match[r]).box() : predicted.get(r);
            detected.get(i)[to] = match[r] >= 0;
        }
    }

    /** The box of the instance on the nearest frame before {@code from} (in the walking direction), or null. */
    private static Box lastSeen(Box[] track, int from, boolean forward) {
        for (int f = from; f >= 0 && f < track.length; f += forward ? -1 : 1) {
            if (track[f] != null) {
                return track[f];
            }
        }
        return null;
    }

    /**
     * The cost of taking {@code found} as an instance that was out of frame and comes back: any
     * place, a similar size, and always worse than following an instance that was in view.
     */
    static double reacquireCost(Box lastKnown, Box found) {
        double areas = found.area() / Math.max(1e-9, lastKnown.area());
        if (areas <= 0.25 || areas >= 4) {
            return Double.POSITIVE_INFINITY;
        }
        double size = Math.max(lastKnown.width(), lastKnown.height());
        double jump = Math.hypot(found.centerX() - lastKnown.centerX(), found.centerY() - lastKnown.centerY()) / Math.max(1, size);
        return 2 + jump;
    }

    /**
     * How unlikely it is that {@code found} is the object expected at {@code expected}: 1 − IoU when
     * they overlap enough; otherwise, since sampled frames can be a second apart and a fast object
     * may not overlap its last box at all, a cost above every overlap that grows with the distance,
     * up to {@link #MAX_JUMP} box sizes, for a box of similar size. Infinite beyond.
     */
    static double matchCost(Box expected, Box found) {
        double iou = expected.iou(found);
        if (iou >= MATCH_IOU) {
            return 1 - iou;
        }
        double size = Math.max(expected.width(), expected.height());
        double jump = Math.hypot(found.centerX() - expected.centerX(), found.centerY() - expected.centerY()) / Math.max(1, size);
        double areas = found.area() / Math.max(1e-9, expected.area());
        return jump <= MAX_JUMP && areas > 0.25 && areas < 4 ? 1 + jump / MAX_JUMP : Double.POSITIVE_INFINITY;
    }
}
