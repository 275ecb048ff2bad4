package org.instancecap.core.caption;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.PositionPhrase;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.detect.Box;
import org.instancecap.core.video.VideoInfo;

/**
 * One instance's path through the sampled frames, decided once, so that the offline caption's
 * Actions and Motion sentence and its Position phrase say the same thing.
 *
 * @param seen     frames where the instance has a box (at least one)
 * @param dx       first to last box centre, in frame widths (positive: to the right)
 * @param dy       first to last box centre, in frame heights (positive: downwards)
 * @param seconds  between the first and the last frame seen
 * @param moves    whether it is said to move in the frame
 * @param itself   whether the move is its own (false: a fixed thing that shifts with the camera)
 * @param size     whether its box grows or shrinks throughout: closer, further, or null
 * @param position its Position phrase, in the grammar of {@link PositionPhrase}
 */
record TrackMotion(int seen, double dx, double dy, double seconds, boolean moves, boolean itself, String size, PositionPhrase position) {

    /**
     * Things that do not move by themselves (furniture, appliances, plants, street fixtures): never said
     * to move under a still camera, and said to shift with the camera under a moving one.
     */
    static final Set<String> FIXED = Set.of("bench", "chair", "couch", "potted plant", "bed", "dining table", "toilet", "tv",
            "microwave", "oven", "toaster", "sink", "refrigerator", "clock", "vase", "fire hydrant", "stop sign", "parking meter",
            "traffic light");
    /** First to last box centre, as a share of the frame, below which a thing is said to stay. */
    static final double STILL = 0.05;
    /** Box area from first to last frame beyond which it is closer (or, inverted, further). */
    static final double GROWTH = 1.3;
    /** Share of the frame-to-frame area changes that must go the same way for closer or further. */
    static final double STEADY = 0.7;

    boolean acrossCells() {
        return position.moves();
    }

    static TrackMotion of(Instance instance, List<Double> times, VideoInfo info, CameraMotion camera) {
        List<Integer> frames = new ArrayList<>();
        for (int f = 0; f < instance.boxes().size(); f++) {
            if (instance.boxes().get(f) != null) {
                frames.add(f);
            }
        }
        String label = instance.label();
        boolean leaves = instance.boxes().get(instance.boxes().size() - 1) == null;
        if (frames.size() < 2) {
            String cell = frames.isEmpty() ? "center-middle" : instance.regions().get(frames.get(0));
            return new TrackMotion(frames.size(), 0, 0, 0, false, false, null, new PositionPhrase(label, cell, cell, leaves));
        }
        Box a = instance.boxes().get(frames.get(0));
        Box b = instance.boxes().get(frames.get(frames.size() - 1));
        double dx = (b.centerX() - a.centerX()) / info.width();
        double dy = (b.centerY() - a.centerY()) / info.height();
        double distance = Math.hypot(dx, dy);
        double seconds = Math.max(1e-6, times.get(frames.get(frames.size() - 1)) - times.get(frames.get(0)));
        boolean fixed = FIXED.contains(label);
        boolean stillCamera = CameraMotion.STATIC.equals(camera.label());
        boolean moves;
        boolean itself;
        if (!fixed) {
            moves = distance >= STILL;
            itself = true;
        } else if (stillCamera) {
            // its box moves when it is sat or jumped on, covered or walked in front of (a bed jumped on
            // in sam2_bedroom: 0.083 of the frame), never by itself
            moves = false;
            itself = false;
        } else {
            moves = distance >= STILL;
            itself = false;
        }
        String first = instance.regions().get(frames.get(0));
        String last = instance.regions().get(frames.get(frames.size() - 1));
        String most = mostSeen(instance.regions());
        PositionPhrase position = moves ? new PositionPhrase(label, first, last, leaves) : new PositionPhrase(label, most, most, leaves);
        return new TrackMotion(frames.size(), dx, dy, seconds, moves, itself, size(instance, frames, info, fixed && stillCamera),
                position);
    }

    /**
     * Closer when the box grows by {@link #GROWTH} and most of its steps grow, further the other way;
     * never from a box cut by the frame's edge at either end (its area then says nothing of its size),
     * nor for a fixed thing under a still camera.
     */
    private static String size(Instance instance, List<Integer> frames, VideoInfo info, boolean fixedInPlace) {
        Box a = instance.boxes().get(frames.get(0));
        Box b = instance.boxes().get(frames.get(frames.size() - 1));
        if (fixedInPlace || atEdge(a, info) || atEdge(b, info)) {
            return null;
        }
        double growth = b.area() / Math.max(1e-9, a.area());
        int up = 0;
        int down = 0;
        for (int k = 1; k < frames.size(); k++) {
            double step = instance.boxes().get(frames.get(k)).area() - instance.boxes().get(frames.get(k - 1)).area();
            if (step > 0) {
                up++;
            } else if (step < 0) {
                down++;
            }
        }
        int steps = frames.size() - 1;
        if (growth > GROWTH && up >= STEADY * steps) {
            return "closer";
        }
        if (growth < 1 / GROWTH && down >= STEADY * steps) {
            return "further";
        }
        return null;
    }

    private static boolean atEdge(Box box, VideoInfo info) {
        double margin = 0.01 * Math.max(info.width(), info.height());
        return box.x1() <= margin || box.y1() <= margin || box.x2() >= info.width() - margin || box.y2() >= info.height() - margin;
    }

    /** The cell it is seen in most often; the earliest of equals. */
    private static String mostSeen(List<String> regions) {
        String best = null;
        int bestCount = 0;
        for (String cell : regions) {
            if (cell == null) {
                continue;
            }
            int count = (int) regions.stream().filter(cell::equals).count();
            if (count > bestCount) {
                best = cell;
                bestCount = count;
            }
        }
        return best;
    }
}
