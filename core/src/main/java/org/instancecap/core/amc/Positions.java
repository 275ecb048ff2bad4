package org.instancecap.core.amc;

import java.util.List;
import java.util.Objects;

/**
 * Where an instance is, in the paper's words: a 3×3 grid over the frame named
 * {@code {top|center|bottom}-{left|middle|right}}, and one sentence for its path through the clip.
 */
public final class Positions {
    private Positions() {
    }

    /** The grid cell of a point normalised to [0, 1]² (x to the right, y down). */
    public static String region(double x, double y) {
        if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw new IllegalArgumentException("point must be in [0, 1]², got " + x + ", " + y);
        }
        String row = y < 1 / 3.0 ? "top" : y < 2 / 3.0 ? "center" : "bottom";
        String column = x < 1 / 3.0 ? "left" : x < 2 / 3.0 ? "middle" : "right";
        return row + "-" + column;
    }

    /**
     * {@code <label> stays at <A>.} or {@code <label> moves from <A> to <B>.}, where A is the first
     * region where the instance is seen and B the last; when it is not in the last frame the final
     * period becomes {@code  and out of frame in the end.}
     *
     * @param regions one entry per sampled frame, null where the instance is out of frame
     * @return the phrase, or null when the instance is never seen
     */
    public static String phrase(String label, List<String> regions) {
        List<String> seen = regions.stream().filter(Objects::nonNull).toList();
        if (seen.isEmpty()) {
            return null;
        }
        String first = seen.get(0);
        String last = seen.get(seen.size() - 1);
        String path = first.equals(last) ? label + " stays at " + first : label + " moves from " + first + " to " + last;
        boolean leaves = regions.get(regions.size() - 1) == null;
        return path + (leaves ? " and out of frame in the end." : ".");
    }
}
