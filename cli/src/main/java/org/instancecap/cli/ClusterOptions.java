package org.instancecap.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.detect.DetectorOptions;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.spec.ClusterSpec;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.spec.SegmenterSpec;
import org.instancecap.core.stage.Stages;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The options of the auxiliary model cluster, shared by the commands that run it: the cluster, detector and segmenter of a run's spec. */
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

    @Option(names = "--people", paramLabel = "NAME",
            description = "People analysis: movenet (poses, clothing colours, actions and face of each person; its models are "
                    + "fetched when the first person is found) or none (default: movenet; for curate, none).")
    String people;

    /** The people analysis when {@code --people} is not given: curation, which reads only motion, sets none. */
    String defaultPeople = RunSpec.DEFAULT.people();

    /** The run's spec with {@code captioner}; usage errors for bad values. */
    RunSpec spec(CommandSpec spec, CaptionerSpec captioner) {
        return usage(spec, () -> {
            // checked as settings first, so that a bad value gets the message it always had
            new AmcSettings(frames, maxInstances, detector, threshold, allFrames, segmenter, ClusterSpec.DEFAULT.cameraWidth());
            return RunSpec.of(new ClusterSpec(frames, maxInstances, allFrames, ClusterSpec.DEFAULT.cameraWidth()),
                    new DetectorOptions(detector, detectorModel, detectorLabels, threshold), new SegmenterSpec(segmenter, samEncoder, samDecoder),
                    captioner).withPeople(people != null ? people : defaultPeople);
        });
    }

    /** The cluster's settings as records and the summary show them. */
    AmcSettings settings(CommandSpec spec) {
        return spec(spec, CaptionerSpec.OFFLINE).amcSettings();
    }

    /**
     * The stages of a run with {@code captioner}, the cluster's models loaded (the segmenter before the
     * detector: a wrong option is reported before a model is fetched and loaded); usage errors for bad values.
     */
    Stages stages(CommandSpec spec, CaptionerSpec captioner, TokenTally tokens) {
        RunSpec run = spec(spec, captioner);
        if (segmenter.equals("sam") && (samEncoder == null || samDecoder == null)) {
            // in the options' words, rather than the spec's
            throw new ParameterException(spec.commandLine(), "--segmenter sam needs --sam-encoder FILE and --sam-decoder FILE");
        }
        Stages stages = usage(spec, () -> new Stages(run, tokens));
        try {
            return usage(spec, stages::load);
        } catch (RuntimeException e) {
            stages.close();
            throw e;
        }
    }

    /** {@code step}, with an {@link IllegalArgumentException} as a usage error. */
    private static <T> T usage(CommandSpec spec, Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
