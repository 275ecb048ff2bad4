package org.instancecap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.instancecap.core.json.Json;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.VideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = {"Print what each video is: one JSON object per file (JSON Lines) with path, durationSeconds, "
                + "fps, frameCount, width, height (as displayed), rotation, videoCodec and hasAudio.",
                "A file that cannot be read gets one 'error:' line on stderr; the others are still probed."})
final class ProbeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Video files, or directories to search for videos.")
    List<Path> inputs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        VideoReader reader = Stages.reader(RunSpec.DEFAULT);
        PrintWriter out = spec.commandLine().getOut();
        return Progress.eachFile("probe", Inputs.videos(spec, inputs), spec, file -> {
            out.println(Json.line(reader.probe(file)));
            out.flush();
        });
    }
}
