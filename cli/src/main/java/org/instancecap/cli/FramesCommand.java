package org.instancecap.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.FrameDirectoryWriter;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.core.video.VideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "frames", mixinStandardHelpOptions = true,
        description = {"Write N frames sampled uniformly (indices round(linspace(0, frameCount-1, N))), display "
                + "rotation applied, and DIR/frames.json listing index, timeSeconds and file of each.",
                "With several videos (or a directory), each video gets DIR/<name>/; one JVM does them all."})
final class FramesCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Video files, or directories to search for videos.")
    List<Path> inputs;

    @Option(names = {"-n", "--count"}, defaultValue = "8", description = "Frames to sample (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write into.")
    Path output;

    @Option(names = "--format", defaultValue = "jpg", description = "Image format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FrameDirectoryWriter.Format format;

    @Option(names = "--quality", defaultValue = "0.95", description = "JPEG quality, 0 to 1 (default: ${DEFAULT-VALUE}).")
    float quality;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        List<Path> files = Inputs.videos(spec, inputs);
        boolean single = Inputs.single(inputs, files);
        VideoReader reader = Stages.reader(RunSpec.DEFAULT);
        Set<String> usedNames = new HashSet<>();
        return Progress.eachFile("frames", files, spec, () -> "frames in " + output, file -> {
            Path dir = single ? output : output.resolve(VideoFiles.uniqueStem(file, usedNames));
            try (FrameDirectoryWriter writer = new FrameDirectoryWriter(dir, format, quality)) {
                writer.commit(reader.sample(file, count, writer));
            }
        });
    }
}
