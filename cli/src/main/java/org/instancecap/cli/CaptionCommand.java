package org.instancecap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.pipeline.CaptionJob;
import org.instancecap.core.pipeline.CaptionSummary;
import org.instancecap.core.pipeline.VideoKeys;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.RunSummary;
import org.instancecap.core.stage.Stages;
import org.instancecap.formats.ExportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "caption", mixinStandardHelpOptions = true,
        description = {"Write one InstanceVid caption record per video (JSON Lines): the auxiliary model cluster, then "
                + "the paper's chain-of-thought questions to an OpenAI-compatible multimodal server (--llm-url), or, "
                + "without a server, a caption written from the measurements alone.",
                "Records are appended to --output and failures to <output>.errors.jsonl; videos already in either are "
                + "skipped, so an interrupted run goes on where it stopped (--retry-failed tries the failures again). "
                + "<output>.summary.json tells how the run went."})
final class CaptionCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Video files, or directories to search for videos.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The JSON Lines file to append to.")
    Path output;

    @Mixin
    LlmOptions llm;

    @Option(names = "--llm-image-side", defaultValue = "768", paramLabel = "PIXELS",
            description = "Images are sent at most this many pixels on their long side (default: ${DEFAULT-VALUE}).")
    int llmImageSide;

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--concurrency", defaultValue = "8",
            description = "Videos being captioned at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--llm-max-in-flight", defaultValue = "0", paramLabel = "N",
            description = "Requests open at once, for the whole run; set it to what your server batches (default: "
                    + "four per video being captioned, at least 8).")
    int maxInFlight;

    @Option(names = "--workers", defaultValue = "0", paramLabel = "N",
            description = "Videos decoded and analysed at once (default: half the cores, at least 1).")
    int workers;

    @Option(names = "--errors", paramLabel = "FILE",
            description = "JSON Lines file of the videos that failed (default: <output>.errors.jsonl).")
    Path errors;

    @Option(names = "--retry-failed", description = "Try again the videos of the errors file (they are taken out of it first).")
    boolean retryFailed;

    @Option(names = "--with-amc", description = "Add the cluster's measurements (amc) and provenance to each record.")
    boolean withAmc;

    enum Format { JSONL, PARQUET, WEBDATASET }

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "FORMAT",
            description = "jsonl, or also a dataset exported from them at the end of the run: parquet (into "
                    + "<output stem>.parquet/) or webdataset (<output stem>.webdataset/), as 'export' writes it; the "
                    + "JSON Lines stay what a rerun resumes from (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int exit = caption();
        if (format == Format.JSONL || StopSignal.current().stopRequested()) {
            return exit;
        }
        // after the run's closing line; from the JSON Lines, which stay what a rerun resumes from
        return Math.max(exit, ExportCommand.exportBeside(spec, output, ExportFormat.valueOf(format.name())));
    }

    private int caption() throws Exception {
        if (workers < 0) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
        }
        if (maxInFlight < 0) {
            throw new ParameterException(spec.commandLine(), "--llm-max-in-flight must be at least 1, got " + maxInFlight);
        }
        if (concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1, got " + concurrency);
        }
        Inputs.exist(spec, inputs);
        AmcSettings settings = clusterOptions.settings(spec);
        llm.check(spec);
        int amcWorkers = workers > 0 ? workers : defaultWorkers();
        // the files beside the output go beside its real file, so that a link to it shares them
        Path real = RunFiles.beside(output);
        Path errorsFile = errors != null ? errors : RunFiles.errors(real);
        RunDisplay display = new RunDisplay("caption", "videos", spec, llm.withTokens("records in " + output + ", failures in " + errorsFile),
                (done, all) -> String.format("%d of %d videos are done already (in %s or %s); going on with the other %d",
                        done, all, output, errorsFile, all - done));
        BatchRunner runner = new BatchRunner(new BatchRunner.Settings(amcWorkers, concurrency, retryFailed, false),
                List.of(BatchRunner.Output.file(CaptionJob.RECORDS, output, record -> VideoKeys.ofWritten(record.path("Video").asText(null))),
                        BatchRunner.Output.file(CaptionJob.ERRORS, errorsFile, record -> VideoKeys.ofWritten(record.path("video").asText(null)))),
                CaptionJob.ERRORS, RunFiles.journal(real), output, display, StopSignal.current());
        try (Stages stages = clusterOptions.stages(spec, llm.captioner(spec, requestsInFlight(), llmImageSide), llm.tokens);
             display) {
            CaptionJob job = new CaptionJob(VideoPipeline.of(stages, Main.tool(), withAmc));
            BatchRunner.Outcome outcome = runner.run(RunFiles.videos(inputs, display), job);
            if (outcome.inputs() == 0) {
                throw new ParameterException(spec.commandLine(), "no video files in " + inputs);
            }
            int exit = display.exitCode(outcome, errorsFile, "run the same command again to continue");
            CaptionSummary summary = new CaptionSummary(Main.tool(), stages.captioner().name(), settings, amcWorkers, concurrency,
                    llm.enabled() ? requestsInFlight() : null, output, errorsFile);
            try {
                RunSummary.write(real, summary.toJson(outcome, job, llm.enabled() ? llm.tokens : null));
            } catch (RuntimeException e) {
                Main.printError(spec, e); // after the run's own failure (a full disk fails both), which is the one to read
                return Main.EXIT_FAILED;
            }
            return exit;
        }
    }

    /**
     * Videos analysed at once. One analysis already keeps two threads busy (decoding with camera
     * motion, and detection), and the detector's runs take turns, so half the cores.
     */
    static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** After the global description a video asks up to 4 × instances + 2 questions at once. */
    private int requestsInFlight() {
        return maxInFlight > 0 ? maxInFlight : Math.max(8, 4 * concurrency);
    }
}
