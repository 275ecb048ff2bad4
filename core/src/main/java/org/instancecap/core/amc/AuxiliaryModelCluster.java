package org.instancecap.core.amc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.camera.CameraMotionEstimator;
import org.instancecap.core.camera.Foreground;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.track.BoxTracker;
import org.instancecap.core.track.Hungarian;
import org.instancecap.core.video.FrameSink;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReader;

/**
 * The paper's first half: from a clip to its main instances (detected, followed through the
 * sampled frames, segmented, placed on the 3×3 grid) and its camera motion. The clip is decoded once,
 * on another thread, feeding the camera estimator with every frame while this thread detects on the
 * sampled frames as they arrive.
 *
 * <p>The stages are interfaces, so the detector, segmenter, tracker and camera estimator can be
 * swapped; this class owns none of them. Not thread-safe: one cluster per worker thread.
 */
public final class AuxiliaryModelCluster {

    private static final Object RESTART = new Object();
    private static final Object END = new Object();

    /** Smallest overlap with the box where an instance is expected for a detection to be it. */
    static final double MATCH_IOU = 0.2;
    /** Farthest an instance may move between two sampled frames, in sizes of its box. */
    static final double MAX_JUMP = 2.5;
    /** Overlap from which a candidate in all-frames mode is an instance already taken. */
    static final double SAME_INSTANCE_IOU = 0.3;
    /**
     * An instance bigger than this share of the frame (a bed, a wall, a close-up) is scenery for the
     * camera estimate: hiding it would leave too little to measure the camera on.
     */
    static final double MAX_FOREGROUND_SHARE = 0.35;
    /** Instance boxes grow by this share on each side when they hide points from the camera estimate. */
    static final double FOREGROUND_MARGIN = 0.1;

    private final VideoReader reader;
    private final ObjectDetector detector;
    private final InstanceSegmenter segmenter;
    private final BoxTracker tracker;
    private final Supplier<CameraMotionEstimator> cameras;
    private final AmcSettings settings;

    public AuxiliaryModelCluster(VideoReader reader, ObjectDetector detector, InstanceSegmenter segmenter,
                                 BoxTracker tracker, Supplier<CameraMotionEstimator> cameras, AmcSettings settings) {
        this.reader = reader;
        this.detector = detector;
        this.segmenter = segmenter;
        this.tracker = tracker;
        this.cameras = cameras;
        this.settings = settings;
    }

    /** Decodes, detects, follows, segments and places the instances of one clip, and estimates its camera motion. */
    public VideoAnalysis analyse(Path video) {
        CameraMotionEstimator camera = cameras.get();
        BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        // one decoding pass on its own thread: every frame, small, to the camera estimator; the sampled
        // frames, full size, to this thread, which detects on each while the rest is decoded
        CompletableFuture<VideoInfo> decoding = CompletableFuture.supplyAsync(() -> reader.sampleAndScan(video,
                settings.frames(), new FrameSink() {
                    @Override
                    public void begin(VideoInfo info, int[] indices) {
                        arrivals.add(RESTART);
                    }

                    @Override
                    public void accept(SampledFrame frame) {
                        stopIf(cancelled);
                        arrivals.add(frame);
                    }
                }, settings.cameraWidth(), new FrameSink() {
                    @Override
                    public void accept(SampledFrame frame) {
                        stopIf(cancelled);
                        camera.accept(frame);
                    }
                }), AuxiliaryModelCluster::startDaemon)
                .whenComplete((info, error) -> arrivals.add(END));
        try {
            List<SampledFrame> frames = new ArrayList<>();
            List<List<Detection>> detections = new ArrayList<>();
            for (Object next = arrivals.take(); next != END; next = arrivals.take()) {
                if (next == RESTART) {
                    frames.clear();
                    detections.clear();
                    continue;
                }
                SampledFrame frame = (SampledFrame) next;
                // new instances are picked on the first frame only, unless all frames are searched
                boolean picking = frames.isEmpty() || settings.allFrames();
                detections.add(picking ? detector.detect(frame.image()) : detector.detectQuickly(frame.image()));
                frames.add(frame);
            }
            SampledFrames sampled = new SampledFrames(join(decoding), frames);
            List<RgbImage> images = frames.stream().map(SampledFrame::image).toList();
            double threshold = settings.instanceThreshold() != null ? settings.instanceThreshold() : detector.instanceThreshold();
            List<Box[]> tracks = new ArrayList<>();
            List<Detection> seeds = new ArrayList<>();
            chooseInstances(images, detections, threshold, seeds, tracks);

            Mask[][] grid = segment(images, seeds, tracks);
            List<Instance> instances = new ArrayList<>();
            List<List<Mask>> masks = new ArrayList<>();
            int w = sampled.info().width();
            int h = sampled.info().height();
            for (int i = 0; i < seeds.size(); i++) {
                List<Box> boxes = new ArrayList<>();
                List<String> regions = new ArrayList<>();
                for (int f = 0; f < images.size(); f++) {
                    Box box = tracks.get(i)[f];
                    double[] c = grid[i][f] == null ? null : grid[i][f].centroid();
                    if (box != null && c == null) {
                        c = new double[] {box.centerX() / w, box.centerY() / h};
                    }
                    boxes.add(box);
                    regions.add(c == null ? null : Positions.region(clamp01(c[0]), clamp01(c[1])));
                }
                String label = seeds.get(i).label();
                instances.add(new Instance(i, label, seeds.get(i).score(), boxes, regions, Positions.phrase(label, regions)));
                masks.add(Arrays.asList(grid[i]));
            }

            int[] indices = sampled.frames().stream().mapToInt(SampledFrame::index).toArray();
            CameraMotion motion = camera.estimate(sampled.info().fps(), foreground(tracks, indices, w, h));
            List<AmcResult.FrameRef> refs = sampled.frames().stream()
                    .map(f -> new AmcResult.FrameRef(f.index(), f.timeSeconds())).toList();
            AmcSettings used = new AmcSettings(settings.frames(), settings.maxInstances(), detector.name(), threshold,
                    settings.allFrames(), settings.segmenter(), settings.cameraWidth());
            return new VideoAnalysis(new AmcResult(video.toString(), sampled.info(), refs, motion, instances, used), sampled, masks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceCapException("interrupted while analysing " + video, e);
        } finally {
            // the estimator is fed by the decoding until it ends: stop it (a no-op when it is done) and
            // wait for it before closing the estimator
            cancelled.set(true);
            decoding.exceptionally(e -> null).join();
            camera.close();
        }
    }

    private static void stopIf(AtomicBoolean cancelled) {
        if (cancelled.get()) {
            throw new CancellationException("analysis abandoned");
        }
    }

    private static void startDaemon(Runnable task) {
        Thread thread = new Thread(task, "amc-decode");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Masks per instance and frame (null where out of frame), frame by frame so that a segmenter
     * that encodes each frame once reuses it, and in parallel when the segmenter allows.
     */
    private Mask[][] segment(List<RgbImage> images, List<Detection> seeds, List<Box[]> tracks) {
        Mask[][] grid = new Mask[seeds.size()][images.size()];
        IntStream tasks = IntStream.range(0, seeds.size() * images.size());
        (segmenter.threadSafe() ? tasks.parallel() : tasks).forEach(t -> {
            int f = t / seeds.size();
            int i = t % seeds.size();
            Box box = tracks.get(i)[f];
            grid[i][f] = box == null ? null : segmenter.segment(images.get(f), box, seeds.get(i).label());
        });
        return grid;
    }

    private static <T> T join(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Picks the instances, largest box first, and follows them: the first frame's detections (the
     * paper's default), or in all-frames mode the largest detections of any frame that are not an
     * instance taken already.
     */
    private void chooseInstances(List<RgbImage> images, List<List<Detection>> detections, double threshold,
                                 List<Detection> seeds, List<Box[]> tracks) {
        record Candidate(int frame, Detection detection) {
        }
        List<Candidate> candidates = new ArrayList<>();
        int frames = settings.allFrames() ? images.size() : Math.min(1, images.size());
        for (int f = 0; f < frames; f++) {
            for (Detection d : detections.get(f)) {
                if (d.score() >= threshold) {
                    candidates.add(new Candidate(f, d));
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.detection().box().area()).reversed());
        List<Integer> seedFrames = new ArrayList<>();
        if (!settings.allFrames()) {
            // one frame: its largest detections are distinct instances, followed once together
            for (Candidate c : candidates.subList(0, Math.min(settings.maxInstances(), candidates.size()))) {
                seeds.add(c.detection());
                seedFrames.add(c.frame());
            }
            tracks.addAll(follow(images, detections, threshold, seeds, seedFrames));
            return;
        }
        for (Candidate c : candidates) {
            if (seeds.size() >= settings.maxInstances()) {
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
                tracks.clear();
                tracks.addAll(follow(images, detections, threshold, seeds, seedFrames));
            }
        }
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

    /**
     * The instances' boxes, grown a little, hold for the decoded frames around each sampled frame;
     * instances that fill much of the frame are left to the camera estimate.
     */
    static Foreground foreground(List<Box[]> tracks, int[] sampledIndices, int width, int height) {
        if (tracks.isEmpty()) {
            return Foreground.NONE;
        }
        return (frameIndex, x, y) -> {
            int k = Arrays.binarySearch(sampledIndices, frameIndex);
            int before = k >= 0 ? k : Math.max(0, -k - 2);
            int after = k >= 0 ? k : Math.min(sampledIndices.length - 1, -k - 1);
            for (Box[] track : tracks) {
                for (Box box : new Box[] {track[before], track[after]}) {
                    if (box != null && box.area() <= MAX_FOREGROUND_SHARE * width * height && inside(box, x * width, y * height)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    private static boolean inside(Box box, double px, double py) {
        double mx = box.width() * FOREGROUND_MARGIN;
        double my = box.height() * FOREGROUND_MARGIN;
        return px >= box.x1() - mx && px <= box.x2() + mx && py >= box.y1() - my && py <= box.y2() + my;
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
