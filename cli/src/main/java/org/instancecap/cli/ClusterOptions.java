package org.instancecap.cli;

import java.nio.file.Path;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.segment.BoxSegmenter;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.vision.camera.OpenCvCameraMotionEstimator;
import org.instancecap.vision.segment.GrabCutSegmenter;
import org.instancecap.vision.segment.OnnxSamSegmenter;
import org.instancecap.vision.track.OpenCvBoxTracker;
import org.instancecap.vision.video.JavaCvVideoReader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of the auxiliary model cluster, shared by the commands that run it. */
final class ClusterOptions {

    @Option(names = {"-n", "--frames"}, defaultValue = "8", description = "Frames to sample (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = {"-k", "--max-instances"}, defaultValue = "3", description = "Instances to keep, largest first (default: ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(names = "--all-frames",
            description = "Pick instances on every sampled frame, not only the first (for clips whose first frame is empty).")
    boolean allFrames;

    @Option(names = "--detector", defaultValue = "centernet", paramLabel = "NAME",
            description = "Detector backend: centernet or nanodet (built in, fetched on first use) or onnx (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--detector-model", paramLabel = "FILE", description = "Model file for the onnx detector.")
    Path detectorModel;

    @Option(names = "--detector-labels", paramLabel = "FILE", description = "Class names, one per line, for the onnx detector (default: COCO-80).")
    Path detectorLabels;

    @Option(names = "--threshold", paramLabel = "SCORE",
            description = "Detector score from which a detection is an instance (default: the detector's calibrated one).")
    Double threshold;

    @Option(names = "--segmenter", defaultValue = "grabcut", paramLabel = "NAME",
            description = "Masks: grabcut, box, or sam with --sam-encoder and --sam-decoder (default: ${DEFAULT-VALUE}).")
    String segmenter;

    @Option(names = "--sam-encoder", paramLabel = "FILE", description = "SAM image encoder (ONNX) for --segmenter sam.")
    Path samEncoder;

    @Option(names = "--sam-decoder", paramLabel = "FILE", description = "SAM prompt decoder (ONNX) for --segmenter sam.")
    Path samDecoder;

    AmcSettings settings(CommandSpec spec) {
        try {
            return new AmcSettings(frames, maxInstances, detector, threshold, allFrames, segmenter, AmcSettings.DEFAULT.cameraWidth());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Build the segmenter before the detector: a wrong option is reported before a model is fetched and loaded. */
    InstanceSegmenter segmenter(CommandSpec spec) {
        return switch (segmenter) {
            case "grabcut" -> new GrabCutSegmenter();
            case "box" -> new BoxSegmenter();
            case "sam" -> {
                if (samEncoder == null || samDecoder == null) {
                    throw new ParameterException(spec.commandLine(), "--segmenter sam needs --sam-encoder FILE and --sam-decoder FILE");
                }
                yield OnnxSamSegmenter.open(samEncoder, samDecoder);
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown segmenter '" + segmenter + "'; available: grabcut, box, sam");
        };
    }

    ObjectDetector detector(CommandSpec spec) {
        try {
            return ObjectDetectorProvider.load(new DetectorOptions(detector, detectorModel, detectorLabels, threshold));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static AuxiliaryModelCluster cluster(ObjectDetector detector, InstanceSegmenter segmenter, AmcSettings settings) {
        return new AuxiliaryModelCluster(new JavaCvVideoReader(), detector, segmenter, new OpenCvBoxTracker(),
                OpenCvCameraMotionEstimator::new, settings);
    }
}
