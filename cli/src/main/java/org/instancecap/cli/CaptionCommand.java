package org.instancecap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.caption.Captioner;
import org.instancecap.core.caption.MllmCaptioner;
import org.instancecap.core.caption.OfflineCaptioner;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.detect.ObjectDetector;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.json.Json;
import org.instancecap.core.json.JsonLinesWriter;
import org.instancecap.core.segment.InstanceSegmenter;
import org.instancecap.core.video.VideoReadException;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.RetryingChatClient;
import org.instancecap.llm.OpenAiChatClient;
import org.instancecap.vision.ocr.TesseractTextReader;
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

    @Option(names = "--llm-url", paramLabel = "URL", description = "OpenAI-compatible API root, e.g. http://localhost:8000/v1 (vLLM).")
    String llmUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name the server knows, e.g. Qwen/Qwen2.5-VL-7B-Instruct.")
    String llmModel;

    @Option(names = "--llm-api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key (never printed).")
    String llmApiKeyEnv;

    @Option(names = "--llm-timeout", defaultValue = "120", paramLabel = "SECONDS",
            description = "Per request (default: ${DEFAULT-VALUE}).")
    int llmTimeout;

    @Option(names = "--llm-max-tokens", defaultValue = "512", paramLabel = "N", description = "Answer length limit (default: ${DEFAULT-VALUE}).")
    int llmMaxTokens;

    @Option(names = "--llm-temperature", defaultValue = "0", paramLabel = "T", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double llmTemperature;

    @Option(names = "--llm-image-side", defaultValue = "768", paramLabel = "PIXELS",
            description = "Images are sent at most this many pixels on their long side (default: ${DEFAULT-VALUE}).")
    int llmImageSide;

    @Option(names = "--llm-retries", defaultValue = "5", paramLabel = "N",
            description = "Retries of a request after rate limits, server errors, timeouts (default: ${DEFAULT-VALUE}).")
    int llmRetries;

    @Mixin
    ClusterOptions clusterOptions;

    @Option(names = "--concurrency", defaultValue = "4",
            description = "Videos captioned at once, and requests open at once per video chain set (default: ${DEFAULT-VALUE}).")
    int concurrency;

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
        if (llmUrl != null && llmModel == null) {
            throw new ParameterException(spec.commandLine(), "--llm-url needs --llm-model");
        }
        if (concurrency < 1) {
            throw new ParameterException(spec.commandLine(), "--concurrency must be at least 1, got " + concurrency);
        }
        AmcSettings settings = clusterOptions.settings(spec);
        List<Path> files = Inputs.videos(spec, inputs);
        Path errorsFile = errors != null ? errors : output.resolveSibling(output.getFileName() + ".errors.jsonl");
        long started = System.nanoTime();
        try (RunLock lock = RunLock.acquire(output)) {
            Set<String> captioned = videosIn(output);
            Set<String> failedBefore = videosIn(errorsFile);
            if (retryFailed) {
                dropFromErrors(errorsFile, failedBefore);
            }
            List<Path> todo = files.stream().filter(f -> !captioned.contains(f.toString())
                    && (retryFailed || !failedBefore.contains(f.toString()))).toList();
            if (todo.size() < files.size()) {
                spec.commandLine().getErr().printf("%d of %d videos are done already (in %s or %s); going on with the other %d%n",
                        files.size() - todo.size(), files.size(), output, errorsFile, todo.size());
            }
            AtomicInteger written = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(concurrency);
            Semaphore pending = new Semaphore(concurrency);
            try (Captioner captioner = captioner();
                 InstanceSegmenter masks = clusterOptions.segmenter(spec);
                 ObjectDetector detector = clusterOptions.detector(spec);
                 JsonLinesWriter out = JsonLinesWriter.append(output);
                 JsonLinesWriter errorLog = JsonLinesWriter.append(errorsFile)) {
                AuxiliaryModelCluster cluster = ClusterOptions.cluster(detector, masks, settings);
                List<CompletableFuture<Void>> running = new ArrayList<>();
                Progress.eachFile("caption", todo, spec.commandLine().getErr(), file -> {
                    long start = System.nanoTime();
                    AuxiliaryModelCluster.Analysis analysis;
                    try {
                        analysis = cluster.analyse(file);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        errorLog.write(error(file, e instanceof VideoReadException ? "decode" : "amc", e));
                        throw e;
                    }
                    double amcSeconds = (System.nanoTime() - start) / 1e9;
                    pending.acquireUninterruptibly();
                    running.add(CompletableFuture.runAsync(() -> {
                        try {
                            long captionStart = System.nanoTime();
                            StructuredCaption caption = captioner.caption(analysis);
                            double captionSeconds = (System.nanoTime() - captionStart) / 1e9;
                            out.write(record(caption, analysis, captioner, amcSeconds, captionSeconds));
                            written.incrementAndGet();
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            errorLog.write(error(file, "caption", e));
                            Main.printError(spec.commandLine().getErr(), new InstanceCapException(e.getMessage() + " (" + file + ")", e));
                        } finally {
                            pending.release();
                        }
                    }, workers));
                });
                CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
                writeSummary(captioner, settings, files.size(), files.size() - todo.size(), written.get(), failed.get(),
                        errorsFile, (System.nanoTime() - started) / 1e9);
            } finally {
                workers.shutdownNow();
            }
            return failed.get() == 0 ? 0 : Main.EXIT_FAILED;
        }
    }

    private static ObjectNode error(Path file, String stage, RuntimeException e) {
        ObjectNode error = Json.mapper().createObjectNode();
        error.put("video", file.toString());
        error.put("stage", stage);
        error.put("reason", e instanceof VideoReadException v ? v.reason() : String.valueOf(e.getMessage()));
        return error;
    }

    /** {@code <output>.summary.json}: what ran, with what, and how it went. */
    private void writeSummary(Captioner captioner, AmcSettings settings, int inputs, int skipped, int written, int failed,
                              Path errorsFile, double seconds) {
        ObjectNode summary = Json.mapper().createObjectNode();
        String version = Main.class.getPackage().getImplementationVersion();
        summary.put("tool", "instancecap " + (version == null ? "development build" : version));
        summary.put("java", System.getProperty("java.version"));
        summary.put("captioner", captioner.name());
        summary.set("amc", Json.mapper().valueToTree(settings));
        summary.put("output", output.toString());
        summary.put("errors", errorsFile.toString());
        summary.put("inputs", inputs);
        summary.put("skipped", skipped);
        summary.put("captioned", written);
        summary.put("failed", failed);
        summary.put("seconds", seconds);
        Json.writeAtomically(output.resolveSibling(output.getFileName() + ".summary.json"), summary);
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

    private Captioner captioner() {
        if (llmUrl == null) {
            return new OfflineCaptioner(TesseractTextReader.ifAvailable());
        }
        LlmSettings llm;
        try {
            // one limit on open requests for the whole run: every chain of every video shares it
            llm = new LlmSettings(llmUrl, llmModel, llmApiKeyEnv, java.time.Duration.ofSeconds(llmTimeout), llmMaxTokens,
                    llmTemperature, llmImageSide, llmRetries, Math.max(8, concurrency * 2));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new MllmCaptioner(new RetryingChatClient(new OpenAiChatClient(llm), llm.maxInFlight(), llm.maxRetries()), llmModel);
    }

    private ObjectNode record(StructuredCaption caption, AuxiliaryModelCluster.Analysis analysis, Captioner captioner,
                              double amcSeconds, double captionSeconds) {
        ObjectNode record = caption.toJson();
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
