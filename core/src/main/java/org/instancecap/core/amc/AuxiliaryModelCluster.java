package org.instancecap.core.amc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.instancecap.core.pose.PeopleAnalyser;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.track.BoxTracker;
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
    private final PeopleAnalyser people;

    /** A cluster without the people analysis. */
    public AuxiliaryModelCluster(VideoReader reader, ObjectDetector detector, InstanceSegmenter segmenter,
                                 BoxTracker tracker, Supplier<CameraMotionEstimator> cameras, AmcSettings settings) {
        this(reader, detector, segmenter, tracker, cameras, settings, PeopleAnalyser.NONE);
    }

    /** @param people measures the person instances once they are found (shared by every cluster of a run) */
    public AuxiliaryModelCluster(VideoReader reader, ObjectDetector detector, InstanceSegmenter segmenter,
                                 BoxTracker tracker, Supplier<CameraMotionEstimator> cameras, AmcSettings settings,
                                 PeopleAnalyser people) {
        this.reader = reader;
        this.detector = detector;
        this.segmenter = segmenter;
        this.tracker = tracker;
        this.cameras = cameras;
        this.settings = settings;
        this.people = people;
    }

    /** Decodes, detects, follows, segments and places the instances of one clip, and estimates its camera motion. */
    public VideoAnalysis analyse(Path video) {
        CameraMotionEstimator camera = cameras.get();
        BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        // one decoding pass on its own thread: every frame, small, to the camera estimator; the sampled
        // frames, full size, to this thread, which detects on each while the rest is decoded
        int gap = settings.frames() > 1 ? people.framesBetween() : 0;
        BetweenRoute route = new BetweenRoute(settings.frames(), gap);
        CompletableFuture<VideoInfo> decoding = CompletableFuture.supplyAsync(() -> reader.sampleAndScan(video,
                route.count(), new FrameSink() {
                    @Override
                    public void begin(VideoInfo info, int[] indices) {
                        route.begin(info, indices);
                        arrivals.add(RESTART);
                    }

                    @Override
                    public void accept(SampledFrame frame) {
                        stopIf(cancelled);
                        if (route.sampled(frame)) {
                            arrivals.add(frame);
                        }
                    }
                }, settings.cameraWidth(), new FrameSink() {
                    @Override
                    public void accept(SampledFrame frame) {
                        stopIf(cancelled);
                        camera.accept(frame);
                    }
                }), AuxiliaryModelCluster::startDaemon)
                .whenComplete((info, error) -> arrivals.add(END));
        double threshold = settings.instanceThreshold() != null ? settings.instanceThreshold() : detector.instanceThreshold();
        try {
            List<SampledFrame> frames = new ArrayList<>();
            List<List<Detection>> detections = new ArrayList<>();
            int passes = 0;
            for (Object next = arrivals.take(); next != END; next = arrivals.take()) {
                if (next == RESTART) {
                    passes++;
                    frames.clear();
                    detections.clear();
                    continue;
                }
                SampledFrame frame = (SampledFrame) next;
                // new instances are picked on the first frame only, unless all frames are searched
                boolean picking = frames.isEmpty() || settings.allFrames();
                detections.add(picking ? detector.detect(frame.image()) : detector.detectQuickly(frame.image()));
                if (frames.isEmpty() && !settings.allFrames() && detections.get(0).stream()
                        .noneMatch(d -> PeopleAnalyser.PERSON.equals(d.label()) && d.score() >= threshold)) {
                    route.drop(passes); // nobody to analyse: the frames between are not needed
                }
                frames.add(frame);
            }
            SampledFrames sampled = new SampledFrames(join(decoding), frames);
            List<RgbImage> images = frames.stream().map(SampledFrame::image).toList();
            InstanceAssociation.Tracks chosen = new InstanceAssociation(tracker, settings.maxInstances(), settings.allFrames())
                    .associate(images, detections, threshold);
            List<Detection> seeds = chosen.seeds();
            List<List<Box>> tracks = chosen.boxes();

            Mask[][] grid = segment(images, seeds, tracks);
            List<Instance> instances = new ArrayList<>();
            List<List<Mask>> masks = new ArrayList<>();
            int w = sampled.info().width();
            int h = sampled.info().height();
            for (int i = 0; i < seeds.size(); i++) {
                List<Box> boxes = new ArrayList<>();
                List<String> regions = new ArrayList<>();
                for (int f = 0; f < images.size(); f++) {
                    Box box = tracks.get(i).get(f);
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
            VideoAnalysis analysis = new VideoAnalysis(new AmcResult(video.toString(), sampled.info(), refs, motion, instances, used),
                    sampled, masks, route.between(), VideoAnalysis.People.NONE);
            return instances.stream().anyMatch(i -> PeopleAnalyser.PERSON.equals(i.label()))
                    ? analysis.withPeople(new VideoAnalysis.People(people.analyses(), people.analyse(analysis))) : analysis;
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

    /**
     * Which decoded frames are the sampled ones and which lie between them: with {@code gap} frames
     * wanted between two sampled frames, the decoder is asked for {@code (n - 1)(gap + 1) + 1} uniform
     * frames, of which the one nearest each of the {@code n} uniform indices is a sampled frame (the
     * very same frame for the default 8, whose grid the finer one contains), the rest are kept small
     * for the people analysis. Written on the decoding thread, read after it ends.
     */
    private static final class BetweenRoute {
        /** Frames between the sampled ones are scaled to this longer side at most, to bound their memory. */
        static final int BETWEEN_SIDE = 640;

        private final int frames;
        private final int gap;
        private final java.util.Set<Integer> sampled = new java.util.HashSet<>();
        private final List<SampledFrame> between = new ArrayList<>();
        private double scale = 1;
        private boolean dropped;
        /** Decoding passes begun (the reader starts again when the frame count it confirmed differs). */
        private int passes;

        BetweenRoute(int frames, int gap) {
            this.frames = frames;
            this.gap = gap;
        }

        int count() {
            return gap == 0 ? frames : (frames - 1) * (gap + 1) + 1;
        }

        synchronized void begin(VideoInfo info, int[] indices) {
            sampled.clear();
            between.clear();
            dropped = false;
            passes++;
            if (gap == 0) {
                Arrays.stream(indices).forEach(sampled::add);
                return;
            }
            for (int wanted : org.instancecap.core.video.FrameSampling.uniformIndices(info.frameCount(), frames)) {
                int nearest = indices[0];
                for (int index : indices) {
                    if (Math.abs(index - wanted) < Math.abs(nearest - wanted)) {
                        nearest = index;
                    }
                }
                sampled.add(nearest);
            }
            scale = Math.min(1, BETWEEN_SIDE / (double) Math.max(info.width(), info.height()));
        }

        /** Whether {@code frame} is a sampled one; a frame between is kept here instead. */
        synchronized boolean sampled(SampledFrame frame) {
            if (sampled.contains(frame.index())) {
                return true;
            }
            if (dropped) {
                return false;
            }
            RgbImage image = frame.image();
            if (scale < 1) {
                image = image.scaled(Math.max(1, (int) Math.round(image.width() * scale)),
                        Math.max(1, (int) Math.round(image.height() * scale)));
            }
            between.add(new SampledFrame(frame.index(), frame.timeSeconds(), image));
            return false;
        }

        /** Keeps no more frames between and lets go of those kept, unless a later decoding pass has begun since. */
        synchronized void drop(int pass) {
            if (pass == passes) {
                dropped = true;
                between.clear();
            }
        }

        synchronized VideoAnalysis.BetweenFrames between() {
            return between.isEmpty() ? VideoAnalysis.BetweenFrames.NONE : new VideoAnalysis.BetweenFrames(scale, between);
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
    private Mask[][] segment(List<RgbImage> images, List<Detection> seeds, List<List<Box>> tracks) {
        Mask[][] grid = new Mask[seeds.size()][images.size()];
        IntStream tasks = IntStream.range(0, seeds.size() * images.size());
        (segmenter.threadSafe() ? tasks.parallel() : tasks).forEach(t -> {
            int f = t / seeds.size();
            int i = t % seeds.size();
            Box box = tracks.get(i).get(f);
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
     * The instances' boxes, grown a little, hold for the decoded frames around each sampled frame;
     * instances that fill much of the frame are left to the camera estimate.
     */
    static Foreground foreground(List<List<Box>> tracks, int[] sampledIndices, int width, int height) {
        if (tracks.isEmpty()) {
            return Foreground.NONE;
        }
        return (frameIndex, x, y) -> {
            int k = Arrays.binarySearch(sampledIndices, frameIndex);
            int before = k >= 0 ? k : Math.max(0, -k - 2);
            int after = k >= 0 ? k : Math.min(sampledIndices.length - 1, -k - 1);
            for (List<Box> track : tracks) {
                for (Box box : new Box[] {track.get(before), track.get(after)}) {
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
