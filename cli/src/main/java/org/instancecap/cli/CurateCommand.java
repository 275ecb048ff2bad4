package org.instancecap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.instancecap.core.curate.CurationSettings;
import org.instancecap.core.curate.Curator;
import org.instancecap.core.json.JsonLinesWriter;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.scene.ShotFinder;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.vision.video.JavaCvShotSplitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "curate", mixinStandardHelpOptions = true,
        description = {"Pick dataset clips: split videos at shot cuts (longer shots into pieces of at most --max-seconds), "
                + "keep clips of --min-seconds to --max-seconds, at least --min-width x --min-height, with an instance "
                + "moving at least --min-motion (its box centre's path per second, as a share of the frame diagonal).",
                "Writes DIR/kept.jsonl and DIR/rejected.jsonl (with the reason for each); --write-clips also writes "
                + "the kept clips into DIR/clips."})
final class CurateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Video files, folders or manifests.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder for the lists (and clips).")
    Path output;

    @Option(names = "--min-seconds", defaultValue = "2", description = "Shortest clip (default: ${DEFAULT-VALUE}).")
    double minSeconds;

    @Option(names = "--max-seconds", defaultValue = "10", description = "Longest clip (default: ${DEFAULT-VALUE}).")
    double maxSeconds;

    @Option(names = "--min-width", defaultValue = "256", description = "Smallest width (default: ${DEFAULT-VALUE}).")
    int minWidth;

    @Option(names = "--min-height", defaultValue = "256", description = "Smallest height (default: ${DEFAULT-VALUE}).")
    int minHeight;

    @Option(names = "--min-motion", defaultValue = "0.05",
            description = "Motion of the most moving instance, frame diagonals per second (default: ${DEFAULT-VALUE}).")
    double minMotion;

    @Option(names = "--write-clips", description = "Write the kept clips into DIR/clips.")
    boolean writeClips;

    @Mixin
    ClusterOptions clusterOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CurationSettings settings;
        try {
            settings = new CurationSettings(minSeconds, maxSeconds, minWidth, minHeight, minMotion);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<Path> files = Inputs.videos(spec, inputs);
        Files.createDirectories(output);
        Set<String> names = new HashSet<>();
        AtomicInteger kept = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        try (Stages stages = clusterOptions.stages(spec, CaptionerSpec.OFFLINE, new TokenTally());
             JsonLinesWriter keptList = JsonLinesWriter.create(output.resolve("kept.jsonl"));
             JsonLinesWriter rejectedList = JsonLinesWriter.create(output.resolve("rejected.jsonl"))) {
            Curator curator = new Curator(new ShotFinder(stages.reader(), ShotFinder.Settings.DEFAULT), new JavaCvShotSplitter(),
                    stages.cluster(), settings);
            Supplier<String> records = () -> "kept " + kept.get() + " clips, rejected " + rejected.get() + "; lists in "
                    + output.resolve("kept.jsonl") + " and " + output.resolve("rejected.jsonl")
                    + (writeClips ? ", clips in " + output.resolve("clips") : "");
            return Progress.eachFile("curate", files, spec.commandLine().getErr(), records, file -> {
                try {
                    for (Curator.Verdict verdict : curator.curate(file, writeClips ? output.resolve("clips") : null,
                            VideoFiles.uniqueStem(file, names))) {
                        (verdict.kept() ? kept : rejected).incrementAndGet();
                        (verdict.kept() ? keptList : rejectedList).write(verdict);
                    }
                } catch (RuntimeException e) {
                    rejected.incrementAndGet();
                    rejectedList.write(new Curator.Verdict(file.toString(), null, null, null, null, null, false,
                            e instanceof VideoReadException v ? v.reason() : Main.message(e), null, null));
                    throw e;
                }
            });
        }
    }
}
