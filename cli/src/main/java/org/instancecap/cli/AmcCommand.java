package org.instancecap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.detect.ObjectDetectorProvider;
import org.instancecap.core.json.Json;
import org.instancecap.core.segment.BoxSegmenter;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.vision.camera.OpenCvCameraMotionEstimator;
import org.instancecap.vision.segment.GrabCutSegmenter;
import org.instancecap.vision.segment.OnnxSamSegmenter;
import org.instancecap.vision.track.OpenCvBoxTracker;
import org.instancecap.vision.video.JavaCvVideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "amc", mixinStandardHelpOptions = true,
        description = {"Run the auxiliary model cluster: detect the main instances (COCO classes), follow them through "
                + "the sampled frames, segment them, place them on the 3x3 grid, and label the camera motion.",
                "One video: pretty JSON to stdout or to --output FILE. Several: JSON Lines to stdout, or "
                + "<name>.amc.json each into the --output directory."})
final class AmcCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Video files, or directories to search for videos.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "JSON file (one video) or directory (several).")
    Path output;

    @Option(names = "--debug", paramLabel = "DIR",
            description = "Write overview images (boxes, mask outlines, ids, camera label) and each instance's blurred frames.")
    Path debug;

    @Option(names = {"-n", "--frames"}, defaultValue = "8", description = "Frames to sample (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = {"-k", "--max-instances"}, defaultValue = "3", description = "Instances to keep, largest first (default: ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(names = "--all-frames",
            description = "Pick instances on every sampled frame, not only the first (for clips whose first frame is empty).")
    boolean allFrames;

    @Option(names = "--detector", defaultValue = "centernet", paramLabel = "NAME",
            description = "Detector backend: centernet (built in) or onnx (default: ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--detector-model", paramLabel = "FILE", description = "Model file for the onnx detector.")
    Path detectorModel;

    @Option(names = "--detector-labels", paramLabel = "FILE", description = "Class names, one per line, for the onnx detector (default: COCO-80).")
    Path detectorLabels;

    @Option(names = "--threshold", paramLabel = "SCORE", description = "Detector score from which a detection is an instance (default: the detector's calibrated one).")
    Double threshold;

    @Option(names = "--segmenter", defaultValue = "grabcut", paramLabel = "NAME",
            description = "Masks: grabcut, box, or sam with --sam-encoder and --sam-decoder (default: ${DEFAULT-VALUE}).")
    String segmenter;

    @Option(names = "--sam-encoder", paramLabel = "FILE", description = "SAM image encoder (ONNX) for --segmenter sam.")
    Path samEncoder;

    @Option(names = "--sam-decoder", paramLabel = "FILE", description = "SAM prompt decoder (ONNX) for --segmenter sam.")
    Path samDecoder;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        AmcSettings settings;
        try {
            settings = new AmcSettings(frames, maxInstances, detector, threshold, allFrames, segmenter,
                    AmcSettings.DEFAULT.cameraWidth());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Path> files = Inputs.videos(spec, inputs);
        boolean single = Inputs.single(inputs, files);
        PrintWriter out = spec.commandLine().getOut();
        Set<String> names = new HashSet<>();
        // the segmenter first: a wrong option is reported before the detector model is fetched and loaded
        try (InstanceSegmenter masks = segmenter(segmenter);
             ObjectDetector objects = detector()) {
            AuxiliaryModelCluster cluster = new AuxiliaryModelCluster(new JavaCvVideoReader(), objects, masks,
                    new OpenCvBoxTracker(), OpenCvCameraMotionEstimator::new, settings);
            return Progress.eachFile("amc", files, spec.commandLine().getErr(), file -> {
                AuxiliaryModelCluster.Analysis analysis = cluster.analyse(file);
                String name = single ? null : VideoFiles.uniqueStem(file, names);
                if (debug != null) {
                    DebugImages.write(analysis, single ? debug : debug.resolve(name));
                }
                if (output == null) {
                    out.println(single ? Json.pretty(analysis.result()) : Json.line(analysis.result()));
                    out.flush();
                } else {
                    Json.writeAtomically(single ? output : output.resolve(name + ".amc.json"), analysis.result());
                }
            });
        }
    }

    private ObjectDetector detector() {
        try {
            return ObjectDetectorProvider.load(new DetectorOptions(detector, detectorModel, detectorLabels, threshold));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private InstanceSegmenter segmenter(String name) {
        return switch (name) {
            case "grabcut" -> new GrabCutSegmenter();
            case "box" -> new BoxSegmenter();
            case "sam" -> {
                if (samEncoder == null || samDecoder == null) {
                    throw new ParameterException(spec.commandLine(), "--segmenter sam needs --sam-encoder FILE and --sam-decoder FILE");
                }
                yield OnnxSamSegmenter.open(samEncoder, samDecoder);
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown segmenter '" + name + "'; available: grabcut, box, sam");
        };
    }
}
