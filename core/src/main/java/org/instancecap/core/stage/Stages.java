package org.instancecap.core.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.caption.Captioner;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.pose.PeopleAnalyser;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.video.VideoReader;

/**
 * The stages of one run, built from its {@link RunSpec} by name through the providers on the class
 * path, each when first asked for. Owns everything it builds and closes it in {@link #close()}.
 *
 * <p>Thread contract: the reader, the detector and the captioner are one per run, shared by every
 * thread (the reader and captioner are thread-safe; the detector's runs take turns). A segmenter that
 * is not {@link InstanceSegmenter#threadSafe() thread-safe}, and the tracker, are one per thread:
 * {@link #cluster()} and {@link #segmenter()} give each calling thread its own. A camera estimator is
 * built for each analysis. The methods may be called from any thread.
 */
public final class Stages implements AutoCloseable {

    private final RunSpec spec;
    private final TokenTally tokens;
    private final VideoReaderProvider readers;
    private final SegmenterProvider segmenters;
    private final TrackerProvider trackers;
    private final CameraEstimatorProvider cameras;
    private final CaptionerProvider captioners;
    private final ObjectDetectorProvider detectors;
    private final PeopleAnalyserProvider peopleAnalysers;

    private final Object lock = new Object();
    private final Map<Thread, InstanceSegmenter> threadSegmenters = new ConcurrentHashMap<>();
    private final Map<Thread, AuxiliaryModelCluster> clusters = new ConcurrentHashMap<>();
    /** Every segmenter built, in order, for {@link #close()}. */
    private final List<InstanceSegmenter> built = new ArrayList<>();
    private InstanceSegmenter shared;
    /** Built by {@link #load()} on the thread that prepares the run, for the first thread that needs one. */
    private InstanceSegmenter spare;
    private VideoReader reader;
    private ObjectDetector detector;
    private Captioner captioner;
    private PeopleAnalyser people;
    private boolean closed;

    /**
     * Finds the providers the spec names; builds nothing yet.
     *
     * @param tokens where the captioner counts the tokens of its server requests
     * @throws IllegalArgumentException {@code unknown <stage> '<name>'; available: ...} for a name no provider has
     */
    public Stages(RunSpec spec, TokenTally tokens) {
        this.spec = spec;
        this.tokens = tokens;
        this.readers = Providers.find(VideoReaderProvider.class, "reader", spec.reader());
        this.segmenters = Providers.find(SegmenterProvider.class, "segmenter", spec.segmenter().name());
        this.detectors = Providers.find(ObjectDetectorProvider.class, "detector", spec.detector().backend());
        this.trackers = Providers.find(TrackerProvider.class, "tracker", spec.tracker());
        this.cameras = Providers.find(CameraEstimatorProvider.class, "camera", spec.camera());
        this.captioners = Providers.find(CaptionerProvider.class, "captioner", spec.captioner().name());
        this.peopleAnalysers = Providers.find(PeopleAnalyserProvider.class, "people analysis", spec.people());
    }

    /**
     * The reader {@code spec} names, built alone, for commands that only decode; readers hold nothing
     * to close.
     */
    public static VideoReader reader(RunSpec spec) {
        return Providers.find(VideoReaderProvider.class, "reader", spec.reader()).create();
    }

    public RunSpec spec() {
        return spec;
    }

    /** The run's video reader, thread-safe. */
    public VideoReader reader() {
        synchronized (lock) {
            checkOpen();
            if (reader == null) {
                reader = readers.create();
            }
            return reader;
        }
    }

    /**
     * Builds what a run needs before its first video: the captioner (a missing API key is said before
     * any model loads), then the segmenter, then the detector, so that a wrong option is reported
     * before a detector model is fetched and loaded.
     *
     * @return this
     */
    public Stages load() {
        synchronized (lock) {
            captioner();
            if (built.isEmpty()) {
                InstanceSegmenter first = buildSegmenter();
                if (!first.threadSafe()) {
                    spare = first;
                }
            }
            detector();
            return this;
        }
    }

    /**
     * The calling thread's segmenter: the run's one when it is thread-safe, else this thread's own.
     * Owned by this object.
     */
    public InstanceSegmenter segmenter() {
        InstanceSegmenter mine = threadSegmenters.get(Thread.currentThread());
        if (mine != null) {
            return mine;
        }
        synchronized (lock) {
            checkOpen();
            if (shared != null) {
                return shared;
            }
            if (spare != null) {
                mine = spare;
                spare = null;
            } else {
                mine = buildSegmenter();
                if (mine.threadSafe()) {
                    return mine;
                }
            }
            threadSegmenters.put(Thread.currentThread(), mine);
            return mine;
        }
    }

    /**
     * A cluster for the calling thread, the same one each time it asks: its own segmenter (unless
     * that is thread-safe) and tracker, the run's reader and detector.
     */
    public AuxiliaryModelCluster cluster() {
        AuxiliaryModelCluster cluster = clusters.get(Thread.currentThread());
        if (cluster != null) {
            return cluster;
        }
        InstanceSegmenter segmenter = segmenter();
        synchronized (lock) {
            cluster = new AuxiliaryModelCluster(reader(), detector(), segmenter, trackers.create(), cameras::create,
                    spec.amcSettings(), people());
        }
        clusters.put(Thread.currentThread(), cluster);
        return cluster;
    }

    /** The run's people analysis, shared by every thread; its models load on the first person. */
    public PeopleAnalyser people() {
        synchronized (lock) {
            checkOpen();
            if (people == null) {
                people = peopleAnalysers.create();
            }
            return people;
        }
    }

    /** The run's captioner, shared by every thread (captioners are thread-safe). */
    public Captioner captioner() {
        synchronized (lock) {
            checkOpen();
            if (captioner == null) {
                captioner = captioners.create(spec.captioner(), tokens);
            }
            return captioner;
        }
    }

    /**
     * Closes what was built: the captioner, the segmenters, the people analysis, then the detector. Every one is
     * closed even when another's close throws; the first failure is thrown, the others suppressed.
     */
    @Override
    public void close() {
        List<AutoCloseable> order = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (captioner != null) {
                order.add(captioner);
            }
            order.addAll(built);
            if (people != null) {
                order.add(people);
            }
            if (detector != null) {
                order.add(detector);
            }
            threadSegmenters.clear();
            clusters.clear();
        }
        RuntimeException failure = null;
        for (AutoCloseable stage : order) {
            try {
                stage.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException("cannot close " + stage, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private ObjectDetector detector() {
        checkOpen();
        if (detector == null) {
            detector = detectors.create(spec.detector());
        }
        return detector;
    }

    /** A new segmenter, kept for {@link #close()}; the run's shared one when it is thread-safe. Under the lock. */
    private InstanceSegmenter buildSegmenter() {
        InstanceSegmenter segmenter = segmenters.create(spec.segmenter());
        built.add(segmenter);
        if (segmenter.threadSafe()) {
            shared = segmenter;
        }
        return segmenter;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the stages are closed");
        }
    }
}
