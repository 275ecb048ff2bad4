package org.instancecap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.VideoFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        cluster.settings(spec); // bad values are usage errors before the inputs are searched
        List<Path> files = Inputs.videos(spec, inputs);
        boolean single = Inputs.single(inputs, files);
        PrintWriter out = spec.commandLine().getOut();
        Set<String> names = new HashSet<>();
        try (Stages stages = cluster.stages(spec, CaptionerSpec.OFFLINE, new TokenTally())) {
            AuxiliaryModelCluster amc = stages.cluster();
            String records = output == null ? "records on standard output" : "records in " + output;
            return Progress.eachFile("amc", files, spec, () -> records, file -> {
                VideoAnalysis analysis = amc.analyse(file);
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
}
