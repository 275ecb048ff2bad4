package org.instancecap.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.eval.distort.DistortJob;
import org.instancecap.eval.distort.Distortion;
import org.instancecap.eval.distort.VideoDistorter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "distort", mixinStandardHelpOptions = true,
        description = {"Write distorted copies of videos (the paper's Table S1), to check that a caption-fidelity metric "
                + "orders them as the table does: DIR/<name>.<distortion>.mp4 for blur (5x5 Gaussian), jpeg (each frame "
                + "round-tripped at a quality drawn from 5 to 30), mask (--mask-fraction of the pixels black), noise "
                + "(Gaussian, sigma 25, on brightness), brightness (x0.5 to x1.5) and shift (up to 10 px in x and y); "
                + "what is drawn is drawn per frame, from --seed.",
                "DIR/distortions.jsonl says per video what each copy got (the qualities, factors and offsets of every "
                + "frame); videos that cannot be read go to DIR/errors.jsonl and the others go on. A stopped or killed run "
                + "goes on where it was (--retry-failed tries the failures again)."})
final class DistortCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "VIDEO", description = "Video files, folders or manifests.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder for the copies and their records.")
    Path output;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "Distortions to write, of blur, jpeg, mask, noise, brightness, shift (default: all).")
    List<String> only;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--mask-fraction", defaultValue = "0.1", paramLabel = "F",
            description = "Share of the pixels mask sets to black (default: ${DEFAULT-VALUE}).")
    double maskFraction;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "N", description = "Videos distorted at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--retry-failed", description = "Try again the videos of DIR/errors.jsonl.")
    boolean retryFailed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Distortion> which = new ArrayList<>();
        VideoDistorter.Settings settings;
        try {
            for (String name : only == null ? List.of(Distortion.values()).stream().map(Distortion::label).toList() : only) {
                Distortion d = Distortion.of(name);
                if (!which.contains(d)) {
                    which.add(d);
                }
            }
            settings = new VideoDistorter.Settings(maskFraction, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
        }
        Inputs.exist(spec, inputs);
        Path recordsFile = output.resolve("distortions.jsonl");
        Path errorsFile = output.resolve("errors.jsonl");
        RunDisplay display = new RunDisplay("distort", "videos", spec,
                () -> "copies in " + output + ", what each got in " + recordsFile + ", failures in " + errorsFile,
                (done, all) -> String.format("%d of %d videos are done already (in %s); going on with the other %d", done, all, output,
                        all - done));
        BatchRunner runner = new BatchRunner(new BatchRunner.Settings(workers, 1, retryFailed, false),
                List.of(BatchRunner.Output.file(DistortJob.RECORDS, recordsFile, null), BatchRunner.Output.file(DistortJob.ERRORS, errorsFile, null)),
                DistortJob.ERRORS, output.resolve("distort.journal"), recordsFile, display, StopSignal.current());
        try (display) {
            VideoDistorter distorter = new VideoDistorter(Stages.reader(RunSpec.DEFAULT), settings);
            BatchRunner.Outcome outcome = runner.run(DistortJob.inputs(RunFiles.videos(inputs, display), which, settings),
                    new DistortJob(distorter, output, which));
            if (outcome.inputs() == 0) {
                throw new ParameterException(spec.commandLine(), "no video files in " + inputs);
            }
            return display.exitCode(outcome, errorsFile, "run the same command again to continue");
        }
    }
}
