package org.instancecap.core.stage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.camera.CameraMotionEstimator;
import org.instancecap.core.camera.Foreground;
import org.instancecap.core.caption.Captioner;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.detect.Box;
import org.instancecap.core.detect.Detection;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.spec.SegmenterSpec;
import org.instancecap.core.track.BoxTracker;
import org.instancecap.core.video.FrameSink;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.VideoInfo;
import org.instancecap.core.video.VideoReader;

/**
 * Stage providers for the tests of {@link Stages}, registered in this module's test resources: each
 * stage logs when it is built and closed. Segmenter {@code fake} is not thread-safe, {@code fake-shared}
 * is; a segmenter, detector or captioner whose name contains {@code failing} throws when closed.
 */
public final class FakeStages {
    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    private FakeStages() {
    }

    private static void log(String event) {
        EVENTS.add(event);
    }

    private static void closing(String what, boolean failing) {
        log("close " + what);
        if (failing) {
            throw new IllegalStateException("cannot close " + what);
        }
    }

    public static final class Reader implements VideoReaderProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public VideoReader create() {
            log("build reader");
            return new VideoReader() {
                @Override
                public VideoInfo probe(Path file) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public VideoInfo sample(Path file, int count, FrameSink sink) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public VideoInfo sampleAndScan(Path file, int count, FrameSink sampled, int width, FrameSink everyFrame) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public VideoInfo scan(Path file, int width, FrameSink sink) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    public static final class Segmenters implements SegmenterProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public InstanceSegmenter create(SegmenterSpec spec) {
            return segmenter(spec.name(), false);
        }
    }

    public static final class SharedSegmenters implements SegmenterProvider {
        @Override
        public String name() {
            return "fake-shared";
        }

        @Override
        public InstanceSegmenter create(SegmenterSpec spec) {
            return segmenter(spec.name(), true);
        }
    }

    public static final class FailingSegmenters implements SegmenterProvider {
        @Override
        public String name() {
            return "fake-failing";
        }

        @Override
        public InstanceSegmenter create(SegmenterSpec spec) {
            return segmenter(spec.name(), false);
        }
    }

    private static InstanceSegmenter segmenter(String name, boolean threadSafe) {
        log("build segmenter");
        return new InstanceSegmenter() {
            @Override
            public Mask segment(RgbImage image, Box box, String label) {
                return Mask.ofBox(image.width(), image.height(), box);
            }

            @Override
            public boolean threadSafe() {
                return threadSafe;
            }

            @Override
            public void close() {
                closing("segmenter", name.contains("failing"));
            }
        };
    }

    public static final class Detectors implements ObjectDetectorProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public ObjectDetector create(DetectorOptions options) {
            log("build detector");
            return new ObjectDetector() {
                @Override
                public List<Detection> detect(RgbImage image) {
                    return List.of();
                }

                @Override
                public double instanceThreshold() {
                    return 0.5;
                }

                @Override
                public String name() {
                    return "fake";
                }

                @Override
                public void close() {
                    closing("detector", options.model() != null && options.model().toString().contains("failing"));
                }
            };
        }
    }

    public static final class Trackers implements TrackerProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public BoxTracker create() {
            log("build tracker");
            return (from, box, to) -> box;
        }
    }

    public static final class Cameras implements CameraEstimatorProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public CameraMotionEstimator create() {
            return new CameraMotionEstimator() {
                @Override
                public void accept(SampledFrame frame) {
                }

                @Override
                public CameraMotion estimate(double fps, Foreground foreground) {
                    throw new UnsupportedOperationException();
                }
            };
        }
    }

    public static final class Captioners implements CaptionerProvider {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Captioner create(CaptionerSpec spec, TokenTally tokens) {
            log("build captioner");
            return new Captioner() {
                @Override
                public StructuredCaption caption(VideoAnalysis analysis) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public String name() {
                    return "fake";
                }

                @Override
                public void close() {
                    closing("captioner", spec.llm() != null);
                }
            };
        }
    }
}
