package org.instancecap.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.pipeline.CaptionJob;
import org.instancecap.core.pipeline.CaptionRecord;
import org.instancecap.core.pipeline.VideoPipeline;
import org.instancecap.core.run.BatchItem;
import org.instancecap.core.run.BatchRunner;
import org.instancecap.core.run.RunControl;
import org.instancecap.core.run.RunListener;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.spec.LlmSpec;
import org.instancecap.core.spec.RunSpec;
import org.instancecap.core.stage.Stages;
import org.instancecap.core.video.VideoFiles;
import org.instancecap.llm.FakeOpenAiServer;
import org.instancecap.llm.MllmCaptionerTest;
import org.instancecap.vision.model.HumanModels;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode (two threads, two attempts per task) on the repository's sample and
 * shared clips: the records of the local {@code caption} run (its golden files), exactly once
 * through task retries and a stopped driver, with the models loaded once.
 */
class SparkCaptionJobTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path GOLDEN = Path.of("../cli/src/test/resources/golden");
    private static final String MEDIA = "../../shared/media/";
    private static final List<String> SHARED = List.of(MEDIA + "edge/derived/frames_1_dog.mp4", MEDIA + "edge/androidx_media/mp4_sample.mp4",
            MEDIA + "edge/derived/zero_length.mp4");

    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        try {
            HumanModels.atDefaultLocation().ensure();
        } catch (InstanceCapException e) {
            abort("built-in detector model unavailable, skipping: " + e.getMessage());
        }
        spark = SparkSession.builder().master("local[2,2]").appName("instancecap test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        ExecutorPipeline.close();
    }

    private SparkCaptionJob.Settings settings(Path out, List<String> inputs, boolean failFirstAttempt, int stopAfterRounds) {
        return new SparkCaptionJob.Settings(inputs, out.toString(), RunSpec.DEFAULT.toJson(), "instancecap test", true, false, 1, 1,
                1, 2, failFirstAttempt, stopAfterRounds);
    }

    @Test
    void the_sample_gets_the_local_runs_record_once_through_a_failed_first_attempt_with_the_models_loaded_once() throws Exception {
        Path out = tmp.resolve("out");
        int loads = ExecutorPipeline.LOADS.get();
        int injected = VideoRows.INJECTED.get();
        SparkCaptionJob.Outcome outcome = SparkCaptionJob.run(spark, settings(out, List.of("../samples/dog.mp4"), true, 0));
        assertThat(VideoRows.INJECTED.get() - injected).as("the first attempt failed, and was retried").isEqualTo(1);
        assertThat(outcome.done()).isEqualTo(1);
        assertThat(CaptionRecord.comparable(lines(out, "done"), "Video")).isEqualTo(CaptionRecord.comparable(golden("caption-records.jsonl"), "Video"));
        assertThat(ExecutorPipeline.LOADS.get() - loads).isLessThanOrEqualTo(1);
        // a second job in the same executor JVM with the same spec loads nothing again
        SparkCaptionJob.run(spark, settings(tmp.resolve("again"), List.of("../samples/dog.mp4"), false, 0));
        assertThat(ExecutorPipeline.LOADS.get() - loads).isLessThanOrEqualTo(1);
    }

    @Test
    void shared_clips_and_a_broken_file_give_the_local_records_and_error_exactly_once_after_a_stopped_driver() throws Exception {
        SharedMedia.dir(); // skips without the shared media
        Path out = tmp.resolve("out");
        List<String> inputs = new ArrayList<>(SHARED);
        inputs.add("../samples/dog.mp4");
        SparkCaptionJob.Outcome first = SparkCaptionJob.run(spark, settings(out, inputs, false, 1)); // as if killed after a round
        assertThat(first.rounds()).isEqualTo(1);
        assertThat(first.done() + first.failed()).isEqualTo(1);

        SparkCaptionJob.Outcome rest = SparkCaptionJob.run(spark, settings(out, inputs, true, 0));
        assertThat(rest.skipped()).isEqualTo(1);
        assertThat(rest.done() + rest.failed()).isEqualTo(3);
        List<String> records = CaptionRecord.comparable(lines(out, "done"), "Video");
        List<String> expected = new ArrayList<>(golden("caption-records.jsonl"));
        expected.addAll(golden("caption-records-shared.jsonl"));
        assertThat(records).isEqualTo(CaptionRecord.comparable(expected, "Video"));
        assertThat(CaptionRecord.comparable(lines(out, "failed"), "video")).isEqualTo(CaptionRecord.comparable(golden("caption-errors-shared.jsonl"), "video"));

        JsonNode summary = MAPPER.readTree(out.resolve("_summary.json").toFile());
        assertThat(summary.get("captioned").asInt() + summary.get("failed").asInt()).isEqualTo(3);
        assertThat(summary.get("skipped").asInt()).isEqualTo(1);
        assertThat(summary.get("amcSeconds").asDouble()).isPositive();
        assertThat(summary.get("executorPeakHeapMiB").get("driver").asLong()).isPositive();

        SparkCaptionJob.Outcome third = SparkCaptionJob.run(spark, settings(out, inputs, false, 0));
        assertThat(third.skipped()).isEqualTo(4);
        assertThat(third.rounds()).isZero();
        assertThat(lines(out, "done")).hasSize(3);
    }

    @Test
    void a_parquet_manifest_names_its_videos_by_its_ids_and_retried_failures_leave_one_row() throws Exception {
        Path manifest = tmp.resolve("clips.parquet");
        // an absolute path, and one relative to the manifest's folder
        spark.createDataFrame(List.of(org.apache.spark.sql.RowFactory.create(Path.of("../samples/dog.mp4").toAbsolutePath().toString(), "clip-1"),
                        org.apache.spark.sql.RowFactory.create("missing.mp4", "clip-2")),
                new org.apache.spark.sql.types.StructType().add("path", "string").add("id", "string"))
                .write().parquet(manifest.toString());
        Path out = tmp.resolve("out");
        SparkCaptionJob.Outcome first = SparkCaptionJob.run(spark, settings(out, List.of(manifest.toString()), false, 0));
        assertThat(first.done()).isEqualTo(1);
        assertThat(first.failed()).isEqualTo(1);
        assertThat(MAPPER.readTree(lines(out, "done").get(0)).get("Video").asText()).isEqualTo("clip-1");
        assertThat(MAPPER.readTree(lines(out, "failed").get(0)).get("video").asText()).isEqualTo("clip-2");

        SparkCaptionJob.Settings retry = new SparkCaptionJob.Settings(List.of(manifest.toString()), out.toString(), RunSpec.DEFAULT.toJson(),
                "instancecap test", true, true, 1, 1, 1, 2, false, 0);
        SparkCaptionJob.Outcome retried = SparkCaptionJob.run(spark, retry);
        assertThat(retried.skipped()).isEqualTo(1);
        assertThat(lines(out, "failed")).hasSize(1);
        assertThat(lines(out, "done")).hasSize(1);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("_retried"));
        }
    }

    @Test
    void folders_and_manifests_named_by_file_system_uris_are_listed_through_hadoop() throws Exception {
        Path clips = Files.createDirectories(tmp.resolve("clips/deeper"));
        Files.copy(Path.of("../samples/dog.mp4"), clips.resolve("dog.mp4"));
        Files.writeString(tmp.resolve("clips/notes.txt"), "not a video");
        Path manifest = Files.writeString(tmp.resolve("clips/list.csv"), "id,path\nfrom-csv,deeper/dog.mp4\n");
        Path out = tmp.resolve("out");
        SparkCaptionJob.Outcome outcome = SparkCaptionJob.run(spark,
                settings(out, List.of(tmp.resolve("clips").toUri().toString(), manifest.toUri().toString()), false, 0));
        assertThat(outcome.failed()).isZero();
        List<String> videos = new ArrayList<>();
        for (String line : lines(out, "done")) {
            videos.add(MAPPER.readTree(line).get("Video").asText());
        }
        assertThat(videos).containsExactlyInAnyOrder("file:" + clips.resolve("dog.mp4"), "from-csv");
    }

    @Test
    void an_executor_analyses_as_many_videos_at_once_as_it_has_workers_and_captions_others_meanwhile_within_the_request_limit()
            throws Exception {
        Path clips = Files.createDirectories(tmp.resolve("clips"));
        for (int i = 0; i < 6; i++) {
            Files.copy(Path.of("../samples/dog.mp4"), clips.resolve("dog-" + i + ".mp4"));
        }
        try (FakeOpenAiServer server = new FakeOpenAiServer().answering(body -> {
            try {
                Thread.sleep(700); // a busy server: captioning a video takes longer than analysing it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return MllmCaptionerTest.answer(body);
        })) {
            RunSpec spec = RunSpec.DEFAULT.withCaptioner(CaptionerSpec.mllm(new LlmSpec(server.baseUrl(), "test-model", null, 30, 512, 0.0,
                    768, 0, 5)));
            ExecutorPipeline.MOST_ANALYSED.set(0);
            ExecutorPipeline.MOST_CAPTIONED.set(0);
            SparkCaptionJob.Outcome outcome = SparkCaptionJob.run(spark, new SparkCaptionJob.Settings(List.of(clips.toString()),
                    tmp.resolve("out").toString(), spec.toJson(), "instancecap test", false, false, 6, 1, 1, 3, false, 0));
            assertThat(outcome.done()).isEqualTo(6);
            assertThat(ExecutorPipeline.MOST_ANALYSED.get()).isEqualTo(1);
            assertThat(ExecutorPipeline.MOST_CAPTIONED.get()).as("videos captioned at once").isBetween(2, 3);
            assertThat(server.mostOpenAtOnce()).as("requests open at once").isBetween(2, 5);
            assertThat(outcome.executorPeakHeapMiB()).containsOnlyKeys("driver");
            assertThat(outcome.executorPeakHeapMiB().get("driver")).isPositive();
        }
    }

    @Test
    void videos_on_another_file_system_are_staged_to_local_disk_and_removed_after() throws Exception {
        // Hadoop's own HTTP file system, on a loopback server: a remote file system the tests can have
        byte[] video = Files.readAllBytes(Path.of("../samples/dog.mp4"));
        AtomicInteger served = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/clips/", exchange -> {
            boolean found = exchange.getRequestURI().getPath().equals("/clips/dog.mp4");
            if (found) {
                served.incrementAndGet();
            }
            exchange.sendResponseHeaders(found ? 200 : 404, found ? video.length : -1);
            try (var body = exchange.getResponseBody()) {
                body.write(found ? video : new byte[0]);
            }
        });
        server.start();
        try {
            String clips = "http://127.0.0.1:" + server.getAddress().getPort() + "/clips/";
            Path out = tmp.resolve("out");
            SparkCaptionJob.Outcome outcome = SparkCaptionJob.run(spark, settings(out, List.of(clips + "dog.mp4", clips + "missing.mp4"),
                    false, 0));
            assertThat(outcome.done()).isEqualTo(1);
            assertThat(served.get()).as("read from the server").isPositive();
            assertThat(CaptionRecord.comparable(lines(out, "done"), "Video")).isEqualTo(CaptionRecord.comparable(
                    golden("caption-records.jsonl").stream().map(r -> r.replace("\"../samples/dog.mp4\"", "\"" + clips + "dog.mp4\"")).toList(),
                    "Video"));
            JsonNode missing = MAPPER.readTree(lines(out, "failed").get(0));
            assertThat(missing.get("stage").asText()).isEqualTo("staging");
            assertThat(missing.get("reason").asText()).contains("cannot copy " + clips + "missing.mp4 to local disk");
        } finally {
            server.stop(0);
        }
        try (Stream<Path> left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.map(f -> f.getFileName().toString())).as("staged copies are removed").noneMatch(name ->
                    name.startsWith("instancecap-") && name.endsWith(".mp4"));
        }
    }

    @Test
    void work_a_killed_driver_left_uncommitted_is_not_taken_into_the_next_commit() throws Exception {
        Path out = tmp.resolve("out");
        // what a driver killed mid-round leaves: a committed task of a job that never committed
        Path stale = Files.createDirectories(out.resolve("_temporary/0/task_202612020000_0001_m_000000/status=done"));
        Files.writeString(stale.resolve("part-00000-stale.txt"), "{\"Video\":\"../samples/dog.mp4\",\"stale\":true}\n");
        SparkCaptionJob.run(spark, settings(out, List.of("../samples/dog.mp4"), false, 0));
        assertThat(lines(out, "done")).singleElement().asString().doesNotContain("stale");
        assertThat(out.resolve("_temporary")).doesNotExist();
    }

    @Test
    void the_shared_videos_and_broken_files_give_the_records_of_the_local_runner_each_once() throws Exception {
        Path media = SharedMedia.dir();
        List<String> inputs = new ArrayList<>(List.of(MEDIA + "videos"));
        for (String broken : List.of("edge/derived/zero_length.mp4", "edge/derived/not_a_video.mp4", "edge/derived/truncated_64KiB_faststart.mp4",
                "edge/androidx_media/vp9_invalid-bitstream.webm", "edge/derived/audio_only_chaplin.m4a")) {
            inputs.add(MEDIA + broken);
        }
        Path out = tmp.resolve("spark");
        SparkCaptionJob.Outcome outcome = SparkCaptionJob.run(spark, new SparkCaptionJob.Settings(inputs, out.toString(),
                RunSpec.DEFAULT.toJson(), "instancecap test", true, false, 2, 4, 2, 4, false, 0));
        assertThat(outcome.inputs()).isEqualTo(16);

        // the local runner, as caption runs it, on the same inputs
        Path local = tmp.resolve("local.jsonl");
        Path localErrors = tmp.resolve("local.errors.jsonl");
        try (Stages stages = new Stages(RunSpec.DEFAULT, new TokenTally()).load()) {
            new BatchRunner(new BatchRunner.Settings(1, 2, false, false),
                    List.of(BatchRunner.Output.file(CaptionJob.RECORDS, local, null), BatchRunner.Output.file(CaptionJob.ERRORS, localErrors, null)),
                    CaptionJob.ERRORS, tmp.resolve("local.journal"), local, RunListener.NONE, RunControl.NEVER)
                    .run(action -> VideoFiles.forEachInput(inputs.stream().map(Path::of).toList(),
                            v -> action.accept(new BatchItem<>(v.file().toString(), v.file().toString(), v.file())), bad -> { }),
                            new CaptionJob(VideoPipeline.of(stages, "instancecap test", true)));
        }
        List<String> records = CaptionRecord.comparable(lines(out, "done"), "Video");
        assertThat(records).hasSize(11).isEqualTo(CaptionRecord.comparable(Files.readAllLines(local), "Video"));
        assertThat(CaptionRecord.comparable(lines(out, "failed"), "video")).hasSize(5).isEqualTo(CaptionRecord.comparable(Files.readAllLines(localErrors), "video"));
        assertThat(media).isDirectory();
    }

    private static List<String> golden(String name) throws IOException {
        return Files.readAllLines(GOLDEN.resolve(name), StandardCharsets.UTF_8);
    }

    /** Every line of the part files under {@code out/status=<status>}, as an independent reader sees them. */
    private static List<String> lines(Path out, String status) throws IOException {
        List<String> lines = new ArrayList<>();
        Path dir = out.resolve("status=" + status);
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

}
