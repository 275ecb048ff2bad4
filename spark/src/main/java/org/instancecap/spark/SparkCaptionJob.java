package org.instancecap.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.instancecap.core.json.Json;
import org.instancecap.core.run.RunSummary;
import org.instancecap.core.video.VideoFiles;

/**
 * The caption pipeline over a cluster. The inputs {@code (id, path)} not done by an earlier run
 * into the same output are hashed into small partitions, and processed in rounds: each round is
 * one Spark job whose rows {@code (status, value)} are written through Spark's commit protocol
 * into {@code OUT/status=done/} (records, JSON Lines) and {@code OUT/status=failed/} (error rows),
 * so a retried or speculative task cannot duplicate or tear a record, and a killed driver loses
 * only the round at hand. A video's id is its path as given, or its manifest's {@code id}: a rerun
 * skips the ids with a row already (and with {@code retryFailed} tries the failed ones again).
 */
final class SparkCaptionJob {

    /**
     * @param inputs             video files, folders, or manifests (CSV, JSON Lines, Parquet with a path column)
     * @param videosPerPartition videos in one task: small, so that a straggler does not hold the job
     * @param partitionsPerRound tasks in one committed round
     * @param workers            videos analysed at once per executor (0: half its cores)
     * @param concurrency        videos captioned at once per executor
     * @param stopAfterRounds    test-only: end after this many rounds, as a killed driver would (0: never)
     */
    record Settings(List<String> inputs, String output, String specJson, String tool, boolean withAmc, boolean retryFailed,
                    int videosPerPartition, int partitionsPerRound, int workers, int concurrency, boolean failFirstAttempt,
                    int stopAfterRounds) {
    }

    /**
     * How a run went: the inputs, those skipped as done or failed before, this run's rows and rounds,
     * the stages' seconds summed over the executors (counted in the write's own tasks, so a failed
     * attempt counts nothing), and each executor's peak heap in MiB.
     */
    record Outcome(long inputs, long skipped, long done, long failed, int rounds, double seconds, double amcSeconds,
                   double captionSeconds, Map<String, Long> executorPeakHeapMiB) {
    }

    static final StructType VIDEOS = new StructType().add("id", DataTypes.StringType).add("path", DataTypes.StringType);

    private SparkCaptionJob() {
    }

    static Outcome run(SparkSession spark, Settings settings) {
        long started = System.nanoTime();
        dropUncommitted(spark, settings.output());
        Dataset<Row> videos = videos(spark, settings.inputs()).dropDuplicates("id");
        long inputs = videos.count();
        Path retired = settings.retryFailed() ? retireFailures(spark, settings.output()) : null;
        Dataset<Row> todo = videos.join(earlier(spark, settings.output()), videos.col("id").equalTo(col("doneId")), "left_anti");
        long count = todo.count();
        int partitions = (int) Math.max(1, (count + settings.videosPerPartition() - 1) / settings.videosPerPartition());
        // a bucket per partition, from the id's hash: the same split in every round and every rerun; kept
        // rather than checkpointed, since a lost executor's blocks are then computed again (without the
        // videos done by then, which is as good)
        Dataset<Row> buckets = todo.withColumn("bucket", pmod(hash(col("id")), lit(partitions))).persist(StorageLevel.MEMORY_AND_DISK());
        int rounds = 0;
        LongAccumulator done = spark.sparkContext().longAccumulator("done");
        LongAccumulator failed = spark.sparkContext().longAccumulator("failed");
        DoubleAccumulator amcSeconds = spark.sparkContext().doubleAccumulator("amcSeconds");
        DoubleAccumulator captionSeconds = spark.sparkContext().doubleAccumulator("captionSeconds");
        PeakHeap peakHeap = new PeakHeap();
        spark.sparkContext().register(peakHeap, "peakHeapMiB");
        VideoRows rows = new VideoRows(new VideoRows.Work(settings.specJson(), settings.tool(), settings.withAmc(), settings.workers(),
                settings.concurrency(), settings.failFirstAttempt()), new VideoRows.Tally(done, failed, amcSeconds, captionSeconds, peakHeap));
        for (int first = 0; first < partitions && count > 0; first += settings.partitionsPerRound()) {
            if (settings.stopAfterRounds() > 0 && rounds >= settings.stopAfterRounds()) {
                break;
            }
            int last = Math.min(partitions, first + settings.partitionsPerRound());
            Dataset<Row> round = buckets.filter(col("bucket").geq(first).and(col("bucket").lt(last)))
                    .repartition(last - first, col("bucket")).select("id", "path");
            round.mapPartitions(rows, Encoders.row(new StructType().add("status", DataTypes.StringType).add("value", DataTypes.StringType)))
                    .write().mode(SaveMode.Append).partitionBy("status").text(settings.output());
            rounds++;
        }
        buckets.unpersist();
        if (retired != null) {
            delete(spark, retired);
        }
        Outcome outcome = new Outcome(inputs, inputs - count, done.value(), failed.value(), rounds,
                (System.nanoTime() - started) / 1e9, amcSeconds.sum(), captionSeconds.sum(), peakHeap.value());
        writeSummary(spark, settings, outcome);
        return outcome;
    }

    /** {@code OUTDIR/_summary.json} (readers of the folder pass over it): the spec, the counts, the seconds. */
    private static void writeSummary(SparkSession spark, Settings settings, Outcome outcome) {
        ObjectNode summary = RunSummary.start(settings.tool());
        summary.put("spark", spark.version());
        summary.put("master", spark.sparkContext().master());
        try {
            summary.set("spec", Json.mapper().readTree(settings.specJson()));
        } catch (IOException e) {
            throw new UncheckedIOException("the spec is not JSON", e);
        }
        summary.put("output", settings.output());
        summary.put("inputs", outcome.inputs());
        summary.put("skipped", outcome.skipped());
        summary.put("captioned", outcome.done());
        summary.put("failed", outcome.failed());
        summary.put("rounds", outcome.rounds());
        summary.put("seconds", outcome.seconds());
        summary.put("amcSeconds", outcome.amcSeconds());
        summary.put("captionSeconds", outcome.captionSeconds());
        if (settings.workers() > 0) {
            summary.put("workersPerExecutor", settings.workers());
        } else {
            summary.put("workersPerExecutor", "half of each executor's cores");
        }
        summary.put("concurrencyPerExecutor", settings.concurrency());
        summary.put("driverPeakHeapMiB", RunSummary.peakHeapMiB());
        ObjectNode executors = summary.putObject("executorPeakHeapMiB");
        outcome.executorPeakHeapMiB().forEach(executors::put);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(settings.output(), "_summary.json");
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            try (var out = fs.create(file, true)) {
                out.write((Json.pretty(summary) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The inputs as rows {@code (id, path)}: local files, folders and manifests listed here as
     * {@code caption} lists them; file system URIs ({@code hdfs://…}, {@code file:/…}) through Hadoop's
     * file systems: a folder's videos listed, a manifest read by Spark (CSV with a header, JSON Lines,
     * Parquet; relative paths are relative to the manifest), a file taken as it is.
     */
    static Dataset<Row> videos(SparkSession spark, List<String> inputs) {
        List<Row> listed = new ArrayList<>();
        Dataset<Row> all = null;
        for (String input : inputs) {
            String lower = input.toLowerCase(Locale.ROOT);
            boolean uri = input.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*");
            if (lower.endsWith(".parquet") || uri && (lower.endsWith(".csv") || lower.endsWith(".jsonl"))) {
                Dataset<Row> rows = manifest(spark, input);
                all = all == null ? rows : all.union(rows);
            } else if (uri) {
                listRemote(spark, input, listed);
            } else {
                VideoFiles.forEachInput(List.of(Path.of(input)), video -> listed.add(RowFactory.create(
                        video.id() != null ? video.id() : video.file().toString(), video.file().toString())),
                        bad -> System.err.println(bad.warning()));
            }
        }
        Dataset<Row> local = spark.createDataFrame(listed, VIDEOS);
        return all == null ? local : local.union(all);
    }

    /** A manifest read by Spark: its path column (relative paths from the manifest's folder) and its id column, if any. */
    private static Dataset<Row> manifest(SparkSession spark, String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        Dataset<Row> manifest = lower.endsWith(".parquet") ? spark.read().parquet(input)
                : lower.endsWith(".csv") ? spark.read().option("header", "true").csv(input) : spark.read().json(input);
        String pathColumn = column(manifest, "path", "video", "file");
        String idColumn = column(manifest, "id", "key");
        String folder = new org.apache.hadoop.fs.Path(input).getParent().toString();
        Column path = col(pathColumn).cast("string");
        Column resolved = when(path.rlike("^([A-Za-z][A-Za-z0-9+.-]+:|/)"), path).otherwise(concat(lit(folder + "/"), path));
        return manifest.select(idColumn != null ? coalesce(col(idColumn).cast("string"), resolved) : resolved, resolved).toDF("id", "path");
    }

    /** A URI's videos: those below it when it is a folder (by extension, sorted), else itself. */
    private static void listRemote(SparkSession spark, String input, List<Row> listed) {
        try {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(input);
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.getFileStatus(root).isDirectory()) {
                listed.add(RowFactory.create(input, input));
                return;
            }
            List<String> found = new ArrayList<>();
            var files = fs.listFiles(root, true);
            while (files.hasNext()) {
                String file = files.next().getPath().toString();
                if (VideoFiles.hasVideoExtension(Path.of(new org.apache.hadoop.fs.Path(file).getName()))) {
                    found.add(file);
                }
            }
            found.sort(null);
            found.forEach(file -> listed.add(RowFactory.create(file, file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input, e);
        }
    }

    private static String column(Dataset<Row> manifest, String... names) {
        for (String name : names) {
            for (String field : manifest.columns()) {
                if (field.equalsIgnoreCase(name)) {
                    return field;
                }
            }
        }
        if (names[0].equals("path")) {
            throw new IllegalArgumentException("the manifest has no path, video or file column: " + String.join(", ", manifest.columns()));
        }
        return null;
    }

    /** The ids with a row in {@code output} already, as {@code doneId}. */
    private static Dataset<Row> earlier(SparkSession spark, String output) {
        if (!exists(spark, output)) {
            return spark.createDataFrame(List.of(), new StructType().add("doneId", DataTypes.StringType));
        }
        Dataset<Row> rows = spark.read().text(output);
        return rows.filter(col("status").equalTo("done")).select(get_json_object(col("value"), "$.Video").as("doneId"))
                .union(rows.filter(col("status").equalTo("failed")).select(get_json_object(col("value"), "$.video").as("doneId")))
                .filter(col("doneId").isNotNull()).distinct();
    }

    /**
     * Deletes what a killed driver left uncommitted ({@code OUTDIR/_temporary}): its tasks' files would
     * otherwise be taken into the next job's commit, beside the same videos done again. Two runs into
     * one output at once are not supported.
     */
    private static void dropUncommitted(SparkSession spark, String output) {
        try {
            org.apache.hadoop.fs.Path temporary = new org.apache.hadoop.fs.Path(output, "_temporary");
            FileSystem fs = temporary.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(temporary)) {
                fs.delete(temporary, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the uncommitted work in " + output, e);
        }
    }


    /**
     * Moves the failures of earlier runs aside (where readers do not look), to be tried again; they
     * are deleted once the run is over. A run killed before that tries them again too.
     */
    private static Path retireFailures(SparkSession spark, String output) {
        try {
            org.apache.hadoop.fs.Path failed = new org.apache.hadoop.fs.Path(output, "status=failed");
            FileSystem fs = failed.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(failed)) {
                return null;
            }
            org.apache.hadoop.fs.Path retired = new org.apache.hadoop.fs.Path(output, "_retried-" + System.currentTimeMillis());
            if (!fs.rename(failed, retired)) {
                throw new IOException("rename refused");
            }
            return Path.of(retired.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the earlier failures of " + output + " aside", e);
        }
    }

    private static void delete(SparkSession spark, Path path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path.toString());
            p.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(p, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    private static boolean exists(SparkSession spark, String output) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(output);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(p) && fs.listStatus(p, f -> f.getName().startsWith("status=")).length > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at " + output, e);
        }
    }
}
