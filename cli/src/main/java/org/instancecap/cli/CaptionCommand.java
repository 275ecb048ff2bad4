package org.instancecap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Predicate;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.caption.Captioner;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesWriter;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.core.video.VideoReadException;
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
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
        Path errorsFile = errors != null ? errors : output.resolveSibling(output.getFileName() + ".errors.jsonl");
        long started = System.nanoTime();
        try (RunLock lock = RunLock.acquire(output)) {
            Set<String> captioned = videosIn(output);
            Set<String> failedBefore = videosIn(errorsFile);
            if (retryFailed) {
                dropFromErrors(errorsFile, failedBefore);
            }
            Predicate<Path> todo = file -> !captioned.contains(file.toString()) && (retryFailed || !failedBefore.contains(file.toString()));
            // a first pass counts, so that progress has a total; the inputs are streamed, never held
            int[] counts = new int[2];
            Set<String> counted = new HashSet<>();
            VideoFiles.forEach(inputs, file -> {
                counts[0]++;
                if (todo.test(file) && counted.add(file.toString())) {
                    counts[1]++;
                }
            });
            counted.clear();
            int inputCount = counts[0];
            int todoCount = counts[1];
            if (inputCount == 0) {
                throw new ParameterException(spec.commandLine(), "no video files in " + inputs);
            }
            if (todoCount < inputCount) {
                spec.commandLine().getErr().printf("%d of %d videos are done already (in %s or %s); going on with the other %d%n",
                        inputCount - todoCount, inputCount, output, errorsFile, todoCount);
            }
            AtomicInteger written = new AtomicInteger();
            DoubleAdder amcTotal = new DoubleAdder();
            DoubleAdder captionTotal = new DoubleAdder();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService amcPool = Executors.newFixedThreadPool(amcWorkers, DaemonThreads.named("amc"));
            ExecutorService captionPool = Executors.newFixedThreadPool(concurrency, DaemonThreads.named("caption"));
            // videos between the start of their analysis and their record: bounds every queue, and so memory
            int slots = amcWorkers + concurrency;
            Semaphore inFlight = new Semaphore(slots);
            PrintWriter err = spec.commandLine().getErr();
            StopSignal stop = StopSignal.current();
            try (Stages stages = clusterOptions.stages(spec, llm.captioner(spec, requestsInFlight(), llmImageSide), llm.tokens);
                 JsonLinesWriter out = JsonLinesWriter.append(output);
                 JsonLinesWriter errorLog = JsonLinesWriter.append(errorsFile);
                 Progress progress = Progress.start("caption", todoCount, err).skipped(inputCount - todoCount)
                         .records(llm.withTokens("records in " + output + ", failures in " + errorsFile))) {
                Captioner captioner = stages.captioner();
                Set<String> queued = new HashSet<>();
                VideoFiles.forEach(inputs, file -> {
                    if (!todo.test(file) || !queued.add(file.toString())) {
                        return;
                    }
                    if (!stop.acquireUnlessStopped(inFlight)) {
                        return; // Ctrl-C or SIGTERM: no new videos
                    }
                    double[] amcSeconds = new double[1];
                    CompletableFuture.supplyAsync(() -> {
                        try {
                            long start = System.nanoTime();
                            AuxiliaryModelCluster.Analysis analysis = stages.cluster().analyse(file);
                            amcSeconds[0] = (System.nanoTime() - start) / 1e9;
                            amcTotal.add(amcSeconds[0]);
                            return analysis;
                        } catch (RuntimeException | OutOfMemoryError e) {
                            throw new StageFailure(e instanceof VideoReadException ? "decode" : "amc", e);
                        }
                    }, amcPool).thenAcceptAsync(analysis -> {
                        try {
                            long captionStart = System.nanoTime();
                            Captioner.Captioned caption = captioner.captionWithFallbacks(analysis);
                            double captionSeconds = (System.nanoTime() - captionStart) / 1e9;
                            captionTotal.add(captionSeconds);
                            out.write(record(caption, analysis, captioner, amcSeconds[0], captionSeconds));
                        } catch (RuntimeException | OutOfMemoryError e) {
                            throw new StageFailure("caption", e);
                        }
                    }, captionPool).whenComplete((ok, thrown) -> {
                        try {
                            if (thrown == null) {
                                written.incrementAndGet();
                                progress.step();
                            } else {
                                Throwable cause = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
                                String stage = cause instanceof StageFailure f ? f.stage : "caption";
                                Throwable reason = cause instanceof StageFailure f ? f.getCause() : cause;
                                failed.incrementAndGet();
                                progress.pauseFor(() -> Main.printError(err, reason instanceof VideoReadException ? reason
                                        : new InstanceCapException(Main.message(reason) + " (" + file + ")", reason)));
                                progress.fail();
                                // if even this cannot be written (a full disk), the video is in neither file and a rerun does it again
                                errorLog.write(error(file, stage, reason));
                            }
                        } finally {
                            inFlight.release();
                        }
                    });
                });
                if (!stop.awaitAll(inFlight, slots)) {
                    // stopped, and some videos are still in flight: abandoned (a rerun does them); the models
                    // are closed next, so let what runs on them end first, briefly
                    amcPool.shutdownNow();
                    captionPool.shutdownNow();
                    amcPool.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
                }
                if (stop.requested() && written.get() + failed.get() < todoCount) {
                    progress.stopped("run the same command again to continue");
                }
                writeSummary(captioner, settings, amcWorkers, inputCount, inputCount - todoCount, written.get(), failed.get(),
                        errorsFile, (System.nanoTime() - started) / 1e9, amcTotal.sum(), captionTotal.sum());
            } finally {
                amcPool.shutdownNow();
                captionPool.shutdownNow();
            }
            return failed.get() == 0 ? 0 : Main.EXIT_FAILED;
        }
    }

    /** A failure and the stage it happened in, for the errors file. */
    private static final class StageFailure extends RuntimeException {
        final String stage;

        StageFailure(String stage, Throwable cause) {
            super(cause.getMessage(), cause);
            this.stage = stage;
        }
    }

    /**
     * Videos analysed at once. One analysis already keeps two threads busy (decoding with camera
     * motion, and detection), and the detector's runs take turns, so half the cores.
     */
    static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    private static ObjectNode error(Path file, String stage, Throwable e) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("video", file.toString());
        error.put("stage", stage);
        error.put("reason", e instanceof VideoReadException v ? v.reason() : Main.message(e));
        return error;
    }

    /** {@code <output>.summary.json}: what ran, with what, and how it went. */
    private void writeSummary(Captioner captioner, AmcSettings settings, int amcWorkers, int inputs, int skipped, int written,
                              int failed, Path errorsFile, double seconds, double amcSeconds, double captionSeconds) {
        ObjectNode summary = Json.mapper().createObjectNode();
        String version = Main.class.getPackage().getImplementationVersion();
        summary.put("tool", "instancecap " + (version == null ? "development build" : version));
        summary.put("java", System.getProperty("java.version"));
        summary.put("captioner", captioner.name());
        summary.set("amc", Json.mapper().valueToTree(settings));
        summary.put("workers", amcWorkers);
        summary.put("concurrency", concurrency);
        if (llm.enabled()) {
            summary.put("requestsInFlight", requestsInFlight());
        }
        summary.put("output", output.toString());
        summary.put("errors", errorsFile.toString());
        summary.put("inputs", inputs);
        summary.put("skipped", skipped);
        summary.put("captioned", written);
        summary.put("failed", failed);
        summary.put("seconds", seconds);
        // summed over videos, so with several at once they add up to more than the run's seconds
        summary.put("amcSeconds", amcSeconds);
        summary.put("captionSeconds", captionSeconds);
        summary.put("peakHeapMiB", peakHeapMiB());
        if (llm.enabled()) {
            summary.set("tokens", tokens(llm.tokens, seconds));
        }
        Json.writeAtomically(output.resolveSibling(output.getFileName() + ".summary.json"), summary);
    }

    /** The run's token usage: {@code prompt}, {@code completion}, output tokens per second, requests without usage. */
    static ObjectNode tokens(org.instancecap.core.llm.TokenTally tally, double seconds) {
        ObjectNode tokens = Json.mapper().createObjectNode();
        org.instancecap.core.llm.TokenUsage total = tally.total();
        tokens.put("prompt", total.prompt());
        tokens.put("completion", total.completion());
        tokens.put("completionPerSecond", seconds > 0 ? Math.round(total.completion() / seconds * 10) / 10.0 : 0);
        tokens.put("requests", tally.replies());
        tokens.put("requestsWithoutUsage", tally.withoutUsage());
        return tokens;
    }

    /** The most heap the JVM's heap pools held at once so far (what a run needs of -Xmx). */
    private static long peakHeapMiB() {
        long bytes = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }

    /** Rewrites the errors file without the videos about to be tried again. */
    private static void dropFromErrors(Path errorsFile, Set<String> retried) throws IOException {
        if (!Files.exists(errorsFile) || retried.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(errorsFile, StandardCharsets.UTF_8)) {
            String video = videoOf(line);
            if (video != null && !retried.contains(video)) {
                kept.add(line);
            }
        }
        FileTrees.writeAtomically(errorsFile, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
    }

    /** After the global description a video asks up to 4 × instances + 2 questions at once. */
    private int requestsInFlight() {
        return maxInFlight > 0 ? maxInFlight : Math.max(8, 4 * concurrency);
    }

    private ObjectNode record(Captioner.Captioned captioned, AuxiliaryModelCluster.Analysis analysis, Captioner captioner,
                              double amcSeconds, double captionSeconds) {
        ObjectNode record = captioned.caption().toJson();
        if (withAmc) {
            record.set("amc", Json.mapper().valueToTree(analysis.result()));
            ObjectNode provenance = record.putObject("provenance");
            String version = Main.class.getPackage().getImplementationVersion();
            provenance.put("tool", "instancecap " + (version == null ? "development build" : version));
            provenance.put("captioner", captioner.name());
            provenance.put("detector", analysis.result().settings().detector());
            provenance.put("instanceThreshold", analysis.result().settings().instanceThreshold());
            provenance.put("amcSeconds", amcSeconds);
            provenance.put("captionSeconds", captionSeconds);
        }
        if (!captioned.fallbacks().isEmpty()) {
            // written with or without --with-amc: which fields are the offline captioner's, not the model's
            ObjectNode provenance = record.has("provenance") ? (ObjectNode) record.get("provenance") : record.putObject("provenance");
            provenance.set("fallbacks", Json.mapper().valueToTree(captioned.fallbacks()));
        }
        if (captioned.tokens() != null) {
            // likewise: what this video cost on the server
            ObjectNode provenance = record.has("provenance") ? (ObjectNode) record.get("provenance") : record.putObject("provenance");
            provenance.set("tokens", Json.mapper().valueToTree(captioned.tokens()));
        }
        return record;
    }

    /** The videos named in a JSON Lines file of records or errors; a line cut short by a killed run is ignored. */
    static Set<String> videosIn(Path file) throws IOException {
        Set<String> videos = new HashSet<>();
        if (!Files.exists(file)) {
            return videos;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String video = videoOf(line);
            if (video != null) {
                videos.add(video);
            }
        }
        return videos;
    }

    /** The {@code Video} of a caption record or the {@code video} of an error record. */
    private static String videoOf(String line) {
        try {
            JsonNode record = Json.mapper().readTree(line);
            if (record == null) {
                return null;
            }
            JsonNode video = record.hasNonNull("Video") ? record.get("Video") : record.get("video");
            return video == null ? null : video.asText();
        } catch (IOException e) {
            return null; // a partial line from an interrupted run
        }
    }
}
