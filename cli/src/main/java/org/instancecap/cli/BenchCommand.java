package org.instancecap.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.instancecap.core.amc.AuxiliaryModelCluster;
import org.instancecap.core.io.FileTrees;
import org.instancecap.core.io.SkippedLines;
import org.instancecap.core.json.JsonLinesReader;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.spec.ClusterSpec;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.FrameDirectoryWriter;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.VideoReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure frame sampling (or with --amc the auxiliary model cluster) in one warm JVM against a "
                + "full decode by the ffmpeg program (ffmpeg -v error -i FILE -f null -): median wall time per file "
                + "over --runs runs, and the ratio.",
                "With --server CAPACITY:LATENCY_MS, caption the inputs through a simulated OpenAI-compatible server that "
                + "works on CAPACITY requests at once for LATENCY_MS each, and tell how close the run came to that "
                + "server's limit."})
final class BenchCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Video files, or directories to search for videos.")
    List<Path> inputs;

    @Option(names = {"-n", "--count"}, defaultValue = "8", description = "Frames to sample (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per file, after one warm-up (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--amc", description = "Time the whole auxiliary model cluster (default detector and segmenter) instead of sampling.")
    boolean amc;

    @Option(names = "--ffmpeg", defaultValue = "ffmpeg", description = "The ffmpeg program to compare with (default: ${DEFAULT-VALUE}).")
    String ffmpeg;

    @Option(names = "--server", paramLabel = "CAPACITY:LATENCY_MS",
            description = "Caption through a simulated server of this capacity and latency, e.g. 4:1000.")
    String server;

    @Option(names = "--concurrency", defaultValue = "8", description = "With --server: caption's --concurrency (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (server != null) {
            return benchServer();
        }
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, got " + runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        RunSpec run = RunSpec.of(new ClusterSpec(count, ClusterSpec.DEFAULT.maxInstances(), false, ClusterSpec.DEFAULT.cameraWidth()),
                RunSpec.DEFAULT.detector(), RunSpec.DEFAULT.segmenter(), CaptionerSpec.OFFLINE);
        Path scratch = Files.createTempDirectory("instancecap-bench");
        List<Double> ratios = new ArrayList<>();
        int failed = 0;
        out.printf(Locale.ROOT, "%-52s %7s %10s %10s %10s %7s%n", "file", "frames", "sample ms", amc ? "amc ms" : "frames ms",
                "ffmpeg ms", "ratio");
        try (Stages stages = new Stages(run, new TokenTally())) {
            VideoReader reader = stages.reader();
            AuxiliaryModelCluster cluster = amc ? stages.load().cluster() : null;
            for (Path file : Inputs.videos(spec, inputs)) {
                try {
                    int frameCount = reader.probe(file).frameCount();
                    double sample = median(() -> reader.sample(file, count, (SampledFrame f) -> { }));
                    double work = amc ? median(() -> cluster.analyse(file)) : median(() -> {
                        try (FrameDirectoryWriter writer = new FrameDirectoryWriter(scratch, FrameDirectoryWriter.Format.JPG, 0.95f)) {
                            writer.commit(reader.sample(file, count, writer));
                        }
                    });
                    double decode = median(() -> runFfmpeg(file));
                    double ratio = work / decode;
                    ratios.add(ratio);
                    out.printf(Locale.ROOT, "%-52s %7d %10.0f %10.0f %10.0f %7.2f%n", shorten(file.toString()), frameCount, sample, work, decode, ratio);
                } catch (RuntimeException e) {
                    Main.printError(spec, e);
                    failed++;
                }
                out.flush();
            }
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
        if (!ratios.isEmpty()) {
            double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            out.printf(Locale.ROOT, "median ratio %s/ffmpeg over %d files: %.2f (min %.2f, max %.2f)%n",
                    amc ? "amc" : "frames", r.length, medianOf(r), r[0], r[r.length - 1]);
        }
        return failed == 0 ? 0 : Main.EXIT_FAILED;
    }

    /** A caption run against a simulated server: its request rate against the server's limit. */
    private int benchServer() throws IOException {
        String[] parts = server.split(":");
        int capacity;
        long latency;
        try {
            capacity = Integer.parseInt(parts[0].trim());
            latency = Long.parseLong(parts[1].trim());
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--server takes CAPACITY:LATENCY_MS, such as 4:1000; got " + server);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("instancecap-bench");
        try (SimulatedChatServer simulated = new SimulatedChatServer(capacity, latency)) {
            Path captions = scratch.resolve("captions.jsonl");
            List<String> args = new ArrayList<>(List.of("caption", "-o", captions.toString(), "--llm-url", simulated.baseUrl(),
                    "--llm-model", "simulated", "--llm-skip-check", "--concurrency", String.valueOf(concurrency)));
            inputs.forEach(p -> args.add(p.toString()));
            picocli.CommandLine caption = Main.commandLine();
            caption.setOut(out);
            caption.setErr(spec.commandLine().getErr());
            long start = System.nanoTime();
            int code = caption.execute(args.toArray(String[]::new));
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] videos = {0};
            if (Files.exists(captions)) {
                JsonLinesReader.forEach(captions, (number, record) -> videos[0]++, SkippedLines.printingTo(spec.commandLine().getErr()));
            }
            double rate = simulated.served() / seconds;
            out.printf(Locale.ROOT, "server: %d requests at once, %d ms each: at most %.2f requests/s%n", capacity, latency, simulated.maxRate());
            out.printf(Locale.ROOT, "run: %d videos captioned, %d requests in %.1f s: %.2f requests/s = %.1f%% of the server's limit%n",
                    videos[0], simulated.served(), seconds, rate, 100 * rate / simulated.maxRate());
            Path summary = scratch.resolve("captions.jsonl.summary.json");
            if (Files.exists(summary)) {
                com.fasterxml.jackson.databind.JsonNode tokens = org.instancecap.core.json.Json.mapper().readTree(summary.toFile()).path("tokens");
                out.printf(Locale.ROOT, "tokens: %d prompt, %d completion, %.1f completion tokens/s%n", tokens.path("prompt").asLong(),
                        tokens.path("completion").asLong(), tokens.path("completionPerSecond").asDouble());
            }
            return code;
        } finally {
            FileTrees.deleteQuietly(scratch);
        }
    }

    private double median(Runnable task) {
        task.run();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return medianOf(ms);
    }

    private static double medianOf(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private void runFfmpeg(Path file) {
        try {
            Process p = new ProcessBuilder(ffmpeg, "-v", "error", "-nostdin", "-i", file.toString(), "-f", "null", "-")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("ffmpeg did not finish on " + file);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed on " + file + " (exit " + p.exitValue() + ")");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run '" + ffmpeg + "' (install ffmpeg or pass --ffmpeg PATH): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static String shorten(String s) {
        return s.length() <= 52 ? s : "..." + s.substring(s.length() - 49);
    }
}
