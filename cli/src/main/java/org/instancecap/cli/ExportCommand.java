package org.instancecap.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.instancecap.core.run.RunSummary;
import org.instancecap.core.render.RenderTarget;
import org.instancecap.formats.DatasetExport;
import org.instancecap.formats.ExportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a caption run's JSON Lines as a dataset folder for training loaders: Parquet files "
                + "(part-000000.parquet…, one typed row per video) or webdataset shards (shard-000000.tar…, each sample "
                + "the video, its record and, with --target, its paragraph), with index.json, errors.jsonl and a "
                + "dataset card (README.md).",
                "Each file appears whole or not at all; an export that was stopped goes on when run again, and one "
                + "run again after the captions grew adds the new records."})
final class ExportCommand implements Callable<Integer> {
    private static final int ERRORS_SHOWN = 20;
    private static final int ROWS_PER_FILE = 100_000;
    private static final int SHARD_SAMPLES = 1000;
    private static final long SHARD_BYTES = 1L << 30;

    @Parameters(arity = "1", paramLabel = "CAPTIONS", description = "JSON Lines of caption records (from caption).")
    Path captions;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The dataset folder.")
    Path output;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "parquet or webdataset.")
    ExportFormat format;

    @Option(names = "--rows-per-file", defaultValue = "100000", paramLabel = "N",
            description = "Parquet: rows per file at most (default: ${DEFAULT-VALUE}).")
    int rowsPerFile;

    @Option(names = "--shard-samples", defaultValue = "1000", paramLabel = "N",
            description = "webdataset: samples per shard at most (default: ${DEFAULT-VALUE}).")
    int shardSamples;

    @Option(names = "--shard-size", defaultValue = "1G", paramLabel = "SIZE",
            description = "webdataset: bytes per shard at most, such as 500M or 2G; a larger video gets a shard of its "
                    + "own (default: ${DEFAULT-VALUE}).")
    String shardSize;

    @Option(names = "--target", paramLabel = "MODEL",
            description = "Add each record as one paragraph for cogvideox (226 tokens), opensora (300) or plain "
                    + "(no limit): a Parquet column, a .txt member of each sample.")
    RenderTarget target;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Token budget of the paragraph instead of the target's.")
    Integer maxTokens;

    @Option(names = "--videos", defaultValue = ".", paramLabel = "DIR",
            description = "webdataset: the folder that relative video paths in the records start from (default: the "
                    + "current folder, as for the caption run).")
    Path videos;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxTokens != null && target == null) {
            throw new ParameterException(spec.commandLine(), "--max-tokens needs --target");
        }
        if (maxTokens != null && maxTokens < 2) {
            throw new ParameterException(spec.commandLine(), "--max-tokens must be at least 2, got " + maxTokens);
        }
        if (rowsPerFile < 1 || shardSamples < 1) {
            throw new ParameterException(spec.commandLine(), "--rows-per-file and --shard-samples must be at least 1");
        }
        long bytes = bytes(shardSize);
        if (!java.nio.file.Files.isRegularFile(captions)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + captions);
        }
        Integer budget = target == null ? null : maxTokens != null ? maxTokens : target.budget();
        String targetName = target == null ? null : maxTokens != null ? target.id() + ":" + maxTokens : target.id();
        return export(spec, captions, output, new DatasetExport.Settings(format, rowsPerFile, shardSamples, bytes, budget,
                targetName, videos, Main.tool()));
    }

    /** Exports and prints the failures and one closing line; returns the exit status. */
    static int export(CommandSpec spec, Path captions, Path dir, DatasetExport.Settings settings) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        long started = System.nanoTime();
        long[] failures = {0};
        DatasetExport.Outcome outcome = DatasetExport.run(captions, dir, settings, failure -> {
            if (++failures[0] <= ERRORS_SHOWN) {
                err.println("error: " + failure + " (" + captions + ")");
                err.flush();
            }
        });
        if (failures[0] > ERRORS_SHOWN) {
            err.println("error: " + (failures[0] - ERRORS_SHOWN) + " more records could not be exported");
        }
        err.printf(Locale.ROOT, "export: %d samples written, %d failed, %d there already, in %.1f s (peak heap %d MiB); "
                        + "%s in %s, failures in %s%n", outcome.exported(), outcome.failed(), outcome.already(),
                (System.nanoTime() - started) / 1e9, RunSummary.peakHeapMiB(),
                settings.format().id() + " files: " + outcome.index().files().size(), dir,
                dir.resolve(DatasetExport.ERRORS));
        err.flush();
        return outcome.failed() == 0 ? 0 : Main.EXIT_FAILED;
    }

    /** {@code caption --format}: the run's records exported with the default settings beside them; returns the exit status. */
    static int exportBeside(CommandSpec spec, Path output, ExportFormat format) throws Exception {
        return export(spec, output, datasetBeside(output, format), new DatasetExport.Settings(format, ROWS_PER_FILE, SHARD_SAMPLES,
                SHARD_BYTES, null, null, Path.of("."), Main.tool()));
    }

    /** The folder {@code caption --format} exports into: {@code captions.jsonl} → {@code captions.parquet/}. */
    private static Path datasetBeside(Path output, ExportFormat format) {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return output.resolveSibling(stem + "." + format.id());
    }

    /** {@code 1000}, {@code 500K}, {@code 500M}, {@code 2G} (powers of 1024). */
    private long bytes(String size) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([KMG]?)B?", java.util.regex.Pattern.CASE_INSENSITIVE)
                .matcher(size.trim());
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), "--shard-size must be a size such as 500M or 2G, got " + size);
        }
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        long value = Long.parseLong(m.group(1)) << shift;
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--shard-size must be at least 1 byte, got " + size);
        }
        return value;
    }
}
