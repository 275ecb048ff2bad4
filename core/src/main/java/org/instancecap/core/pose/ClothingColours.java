package org.instancecap.core.pose;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.instancecap.core.caption.ColourNames;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;

/**
 * The colours of a person's clothes by body part, from the pose's keypoints and the person's pixels:
 * the upper body between the shoulders and the hips, the lower body along the legs from the hips to
 * the knees (and on to the ankles where they were seen), the footwear around the ankles. Colours are
 * named as everywhere else ({@link ColourNames}, k-means in Lab). A part whose keypoints were not
 * seen, lie outside the frame, or whose region is mostly cut off by the frame's edge is absent.
 *
 * @param parts the parts measured, each with its colours, most common first
 */
public record ClothingColours(Map<Part, List<ColourNames.Share>> parts) {

    /** A body part whose clothes are described. */
    public enum Part { UPPER_BODY, LOWER_BODY, FOOTWEAR }

    /** Clusters per part. */
    static final int COLOURS = 3;
    /** Colours standing for less of the part are left out. */
    static final double MIN_SHARE = 0.1;
    /** A part with fewer pixels of the person is not described. */
    static final int MIN_PIXELS = 24;
    /** A part with less of its region inside the frame is not described. */
    static final double MIN_INSIDE = 0.6;
    /** At most this many pixels are clustered per part. */
    static final int MAX_SAMPLES = 4000;

    public ClothingColours {
        // in body order, so records written twice are the same
        parts = parts.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(parts));
    }

    /** The colours of {@code part}, when it was measured. */
    public Optional<List<ColourNames.Share>> of(Part part) {
        return Optional.ofNullable(parts.get(part));
    }

    /**
     * Measures the parts of {@code pose} in {@code frame}.
     *
     * @param mask the person's pixels (the frame's size), or null to take every pixel of each region
     */
    public static ClothingColours measure(RgbImage frame, Mask mask, Pose pose) {
        if (mask != null && (mask.width() != frame.width() || mask.height() != frame.height())) {
            throw new IllegalArgumentException("mask is " + mask.width() + "x" + mask.height() + ", frame " + frame.width() + "x"
                    + frame.height());
        }
        Map<Part, List<ColourNames.Share>> parts = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            Region region = region(part, pose, frame.width(), frame.height());
            if (region == null) {
                continue;
            }
            int[] pixels = pixels(frame, mask, region);
            if (pixels != null) {
                List<ColourNames.Share> colours = ColourNames.dominant(pixels, COLOURS).stream()
                        .filter(s -> s.share() >= MIN_SHARE).toList();
                parts.put(part, colours);
            }
        }
        return new ClothingColours(parts);
    }

    /**
     * Measures the parts over several frames of one person: each part's pixels from every frame where
     * it was seen, clustered together, so one odd frame does not decide.
     *
     * @param masks the person's pixels on each frame (null entries take every pixel of the region)
     */
    public static ClothingColours measure(List<RgbImage> frames, List<Mask> masks, List<Pose> poses) {
        if (frames.size() != masks.size() || frames.size() != poses.size()) {
            throw new IllegalArgumentException("frames, masks and poses differ in number: " + frames.size() + ", " + masks.size()
                    + ", " + poses.size());
        }
        String skin = skin(frames, masks, poses);
        Map<Part, List<ColourNames.Share>> parts = new EnumMap<>(Part.class);
        for (Part part : Part.values()) {
            List<int[]> found = new ArrayList<>();
            for (int f = 0; f < frames.size(); f++) {
                RgbImage frame = frames.get(f);
                Region region = region(part, poses.get(f), frame.width(), frame.height());
                int[] pixels = region == null ? null : pixels(frame, masks.get(f), region);
                if (pixels != null) {
                    found.add(pixels);
                }
            }
            if (!found.isEmpty()) {
                int[] pooled = thinned(found);
                // bare legs and feet have the face's colour: that is skin, not clothes
                List<ColourNames.Share> colours = ColourNames.dominant(pooled, COLOURS).stream().filter(s -> s.share() >= MIN_SHARE)
                        .filter(s -> part == Part.UPPER_BODY || !s.name().equals(skin)).toList();
                if (!colours.isEmpty()) {
                    parts.put(part, colours);
                }
            }
        }
        return new ClothingColours(parts);
    }

    /**
     * The colour name of the person's skin, from the face around the nose on the frames where the
     * nose and an eye were seen; null when no face was seen large enough.
     */
    static String skin(List<RgbImage> frames, List<Mask> masks, List<Pose> poses) {
        List<int[]> found = new ArrayList<>();
        for (int f = 0; f < frames.size(); f++) {
            Pose pose = poses.get(f);
            Keypoint nose = pose.find("nose").orElse(null);
            Keypoint eye = pose.find("left_eye").or(() -> pose.find("right_eye")).orElse(null);
            if (nose == null || eye == null) {
                continue;
            }
            double r = 0.8 * Math.hypot(nose.x() - eye.x(), nose.y() - eye.y());
            int[] pixels = pixels(frames.get(f), masks.get(f), new Capsule(nose.x(), nose.y(), nose.x(), nose.y(), r));
            if (pixels != null) {
                found.add(pixels);
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        List<ColourNames.Share> face = ColourNames.dominant(thinned(found), 2);
        return face.isEmpty() ? null : face.get(0).name();
    }

    /** Every frame's pixels together, evenly thinned to at most {@link #MAX_SAMPLES}. */
    private static int[] thinned(List<int[]> frames) {
        int total = frames.stream().mapToInt(p -> p.length / 3).sum();
        int step = Math.max(1, (total + MAX_SAMPLES - 1) / MAX_SAMPLES);
        int[] out = new int[((total + step - 1) / step) * 3];
        int o = 0;
        int i = 0;
        for (int[] pixels : frames) {
            for (int p = 0; p < pixels.length / 3; p++, i++) {
                if (i % step == 0 && o < out.length) {
                    System.arraycopy(pixels, 3 * p, out, o, 3);
                    o += 3;
                }
            }
        }
        return o == out.length ? out : java.util.Arrays.copyOf(out, o);
    }

    /** A set of frame points, with the box it lies in (which may reach past the frame). */
    interface Region {
        double[] bounds();

        boolean contains(double x, double y);
    }

    /** The region of {@code part}, or null when the keypoints it needs were not seen inside the frame. */
    static Region region(Part part, Pose pose, int width, int height) {
        switch (part) {
            case UPPER_BODY -> {
                List<Keypoint> corners = seen(pose, width, height, "left_shoulder", "right_shoulder", "right_hip", "left_hip");
                return corners == null ? null : quad(corners, 0.1);
            }
            case LOWER_BODY -> {
                List<Capsule> legs = new ArrayList<>();
                for (String side : List.of("left", "right")) {
                    List<Keypoint> leg = seen(pose, width, height, side + "_hip", side + "_knee");
                    if (leg == null) {
                        return null;
                    }
                    // from the thigh's length, not the hips' spacing, which vanishes for a person seen from the side
                    double radius = 0.12 * distance(leg.get(0), leg.get(1));
                    legs.add(new Capsule(leg.get(0), leg.get(1), radius));
                    List<Keypoint> shin = seen(pose, width, height, side + "_knee", side + "_ankle");
                    if (shin != null) {
                        legs.add(new Capsule(shin.get(0), shin.get(1), radius * 0.8));
                    }
                }
                return union(legs);
            }
            case FOOTWEAR -> {
                List<Capsule> feet = new ArrayList<>();
                for (String side : List.of("left", "right")) {
                    List<Keypoint> shin = seen(pose, width, height, side + "_knee", side + "_ankle");
                    if (shin != null) {
                        Keypoint ankle = shin.get(1);
                        double s = distance(shin.get(0), ankle);
                        // the shoe lies below the ankle joint, whose own height is often bare skin or a trouser hem
                        feet.add(new Capsule(ankle.x(), ankle.y() + 0.12 * s, ankle.x(), ankle.y() + 0.25 * s, 0.13 * s));
                    }
                }
                return feet.isEmpty() ? null : union(feet);
            }
            default -> throw new IllegalStateException(part.name());
        }
    }

    /** The keypoints named, when every one was seen inside the frame; else null. */
    private static List<Keypoint> seen(Pose pose, int width, int height, String... names) {
        List<Keypoint> found = new ArrayList<>();
        for (String name : names) {
            Keypoint k = pose.find(name).orElse(null);
            if (k == null || k.x() < 0 || k.y() < 0 || k.x() >= width || k.y() >= height) {
                return null;
            }
            found.add(k);
        }
        return found;
    }

    private static double distance(Keypoint a, Keypoint b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /** A thick segment: the points within {@code r} of it. */
    record Capsule(double ax, double ay, double bx, double by, double r) implements Region {
        Capsule(Keypoint a, Keypoint b, double r) {
            this(a.x(), a.y(), b.x(), b.y(), r);
        }

        @Override
        public double[] bounds() {
            return new double[] {Math.min(ax, bx) - r, Math.min(ay, by) - r, Math.max(ax, bx) + r, Math.max(ay, by) + r};
        }

        @Override
        public boolean contains(double x, double y) {
            double dx = bx - ax;
            double dy = by - ay;
            double length = dx * dx + dy * dy;
            double t = length == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / length));
            return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= r;
        }
    }

    private static Region union(List<Capsule> parts) {
        return new Region() {
            @Override
            public double[] bounds() {
                double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
                for (Capsule c : parts) {
                    double[] p = c.bounds();
                    b[0] = Math.min(b[0], p[0]);
                    b[1] = Math.min(b[1], p[1]);
                    b[2] = Math.max(b[2], p[2]);
                    b[3] = Math.max(b[3], p[3]);
                }
                return b;
            }

            @Override
            public boolean contains(double x, double y) {
                return parts.stream().anyMatch(c -> c.contains(x, y));
            }
        };
    }

    /**
     * The quadrilateral of four corners in order around it, shrunk towards its centre by {@code inset}
     * of the way (the torso's edges touch the arms and the background).
     */
    private static Region quad(List<Keypoint> corners, double inset) {
        double cx = corners.stream().mapToDouble(Keypoint::x).average().orElseThrow();
        double cy = corners.stream().mapToDouble(Keypoint::y).average().orElseThrow();
        double[] xs = new double[4];
        double[] ys = new double[4];
        for (int i = 0; i < 4; i++) {
            xs[i] = corners.get(i).x() + (cx - corners.get(i).x()) * inset;
            ys[i] = corners.get(i).y() + (cy - corners.get(i).y()) * inset;
        }
        return new Region() {
            @Override
            public double[] bounds() {
                return new double[] {min(xs), min(ys), max(xs), max(ys)};
            }

            @Override
            public boolean contains(double x, double y) {
                // even-odd rule, so a twisted quadrilateral (a person seen from the side) still works
                boolean inside = false;
                for (int i = 0, j = 3; i < 4; j = i++) {
                    if ((ys[i] > y) != (ys[j] > y) && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                        inside = !inside;
                    }
                }
                return inside;
            }
        };
    }

    private static double min(double[] v) {
        return Math.min(Math.min(v[0], v[1]), Math.min(v[2], v[3]));
    }

    private static double max(double[] v) {
        return Math.max(Math.max(v[0], v[1]), Math.max(v[2], v[3]));
    }

    /**
     * The person's pixels in {@code region} (R, G, B each), evenly thinned to at most
     * {@link #MAX_SAMPLES}; null when too few or when the region lies mostly outside the frame.
     */
    static int[] pixels(RgbImage frame, Mask mask, Region region) {
        double[] b = region.bounds();
        int x0 = (int) Math.floor(b[0]);
        int y0 = (int) Math.floor(b[1]);
        int x1 = (int) Math.ceil(b[2]);
        int y1 = (int) Math.ceil(b[3]);
        long all = 0;
        long inside = 0;
        List<Integer> offsets = new ArrayList<>();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (!region.contains(x + 0.5, y + 0.5)) {
                    continue;
                }
                all++;
                if (x < 0 || y < 0 || x >= frame.width() || y >= frame.height()) {
                    continue;
                }
                inside++;
                if (mask == null || mask.contains(x, y)) {
                    offsets.add((y * frame.width() + x) * 3);
                }
            }
        }
        if (all == 0 || inside < MIN_INSIDE * all || offsets.size() < MIN_PIXELS) {
            return null;
        }
        int step = Math.max(1, (offsets.size() + MAX_SAMPLES - 1) / MAX_SAMPLES);
        byte[] px = frame.pixels();
        int n = (offsets.size() + step - 1) / step;
        int[] rgb = new int[n * 3];
        for (int i = 0, o = 0; i < offsets.size() && o < rgb.length; i += step) {
            int p = offsets.get(i);
            rgb[o++] = px[p] & 0xff;
            rgb[o++] = px[p + 1] & 0xff;
            rgb[o++] = px[p + 2] & 0xff;
        }
        return rgb;
    }
}
