package org.instancecap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.instancecap.core.curate.CurationSettings;
import org.instancecap.core.curate.Curator;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.scene.ShotFinder;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.stage.Stages;
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

    @Option(names = "--retry-failed", description = "Try again the videos of DIR/errors.jsonl.")
    boolean retryFailed;

    @Override
    public Integer call() throws Exception {
        CurationSettings settings;
        try {
            settings = new CurationSettings(minSeconds, maxSeconds, minWidth, minHeight, minMotion);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Inputs.exist(spec, inputs);
        Path keptFile = output.resolve("kept.jsonl");
        Path rejectedFile = output.resolve("rejected.jsonl");
        Path errorsFile = output.resolve("errors.jsonl");
        CurateJob.Counts counts = new CurateJob.Counts();
        RunDisplay display = new RunDisplay("curate", "videos", spec,
                () -> "kept " + counts.kept() + " clips, rejected " + counts.rejected() + "; lists in " + keptFile + " and " + rejectedFile
                        + (writeClips ? ", clips in " + output.resolve("clips") : "") + ", failures in " + errorsFile,
                (done, all) -> String.format("%d of %d videos are done already (in %s); going on with the other %d", done, all, output,
                        all - done));
        BatchRunner runner = new BatchRunner(new BatchRunner.Settings(1, 1, retryFailed, false),
                List.of(BatchRunner.Output.file(CurateJob.KEPT, keptFile, null), BatchRunner.Output.file(CurateJob.REJECTED, rejectedFile, null),
                        BatchRunner.Output.file(CurateJob.ERRORS, errorsFile, null)),
                CurateJob.ERRORS, output.resolve("curate.journal"), keptFile, display, StopSignal.current());
        clusterOptions.defaultPeople = org.instancecap.core.stage.PeopleAnalyserProvider.NONE; // curation reads only motion
        try (Stages stages = clusterOptions.stages(spec, CaptionerSpec.OFFLINE, new TokenTally());
             display) {
            Curator curator = new Curator(new ShotFinder(stages.reader(), ShotFinder.Settings.DEFAULT), new JavaCvShotSplitter(),
                    stages.cluster(), settings);
            BatchRunner.Outcome outcome = runner.run(CurateJob.inputs(RunFiles.videos(inputs, display)),
                    new CurateJob(curator, writeClips ? output.resolve("clips") : null, counts));
            if (outcome.inputs() == 0) {
                throw new ParameterException(spec.commandLine(), "no video files in " + inputs);
            }
            return display.exitCode(outcome, errorsFile, "run the same command again to continue");
        }
    }
}
