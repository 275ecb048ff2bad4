package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.json.Json;
import org.instancecap.core.run.RunLock;
import org.instancecap.llm.FakeOpenAiServer;
import org.instancecap.llm.MllmCaptionerTest;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The caption command end to end on a real clip: offline, and through a real HTTP server. */
class CaptionCommandTest {

    @TempDir
    Path tmp;

    private static Schema schema;

    @BeforeAll
    static void setUp() throws Exception {
        BuiltInDetector.requireOrSkip();
        try (InputStream in = StructuredCaption.class.getResourceAsStream("instancevid.schema.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private static List<JsonNode> records(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(line -> {
            try {
                return Json.mapper().readTree(line);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static void assertValid(JsonNode record) {
        assertThat(schema.validate(record)).as("schema errors of %s", record.get("Video")).isEmpty();
    }

    @Test
    void offline_captions_are_valid_records_with_the_clusters_classes_and_positions() throws Exception {
        Path video = SharedMedia.file("videos/sam2_01_dog.mp4");
        Path out = tmp.resolve("captions.jsonl");
        Cli cli = Cli.run("caption", video.toString(), "-o", out.toString(), "--with-amc");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        List<JsonNode> records = records(out);
        assertThat(records).hasSize(1);
        JsonNode record = records.get(0);
        assertValid(record);
        JsonNode main = record.get("Structured Description").get("Main Instance");
        assertThat(main.get("No.0").get("Class").asText()).isEqualTo("person");
        assertThat(main.get("No.1").get("Class").asText()).isEqualTo("dog");
        assertThat(main.get("No.0").get("Position").asText()).isEqualTo(
                record.get("amc").get("instances").get(0).get("position").asText());
        assertThat(record.get("Structured Description").get("Camera Movement").asText()).isEqualTo("The camera stays still.");
        assertThat(record.get("provenance").get("captioner").asText()).isEqualTo("offline");

        // a second run finds the video done and adds nothing
        Cli again = Cli.run("caption", video.toString(), "-o", out.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("1 of 1 videos are done already");
        assertThat(records(out)).hasSize(1);
    }

    @Test
    void captions_through_an_openai_compatible_server_and_survives_a_rate_limit() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer().answering(MllmCaptionerTest::answer)) {
            server.then(FakeOpenAiServer.Reply.status(429));
            Path video = SharedMedia.file("videos/sam2_01_dog.mp4");
            Path out = tmp.resolve("mllm.jsonl");
            // a line cut short by an earlier, killed run: cut off, never left behind
            Files.writeString(out, "{\"Video\": \"half a reco");
            Cli cli = Cli.run("caption", video.toString(), "-o", out.toString(), "--llm-url", server.baseUrl(),
                    "--llm-model", "test-model");
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertThat(lines).hasSize(1);
            JsonNode record = Json.mapper().readTree(lines.get(0));
            assertValid(record);
            assertThat(record.get("Global Description").asText()).isEqualTo(MllmCaptionerTest.GLOBAL);
            JsonNode main = record.get("Structured Description").get("Main Instance");
            assertThat(main.size()).isEqualTo(2);
            // 4 + 4 per instance questions, plus the one that met the rate limit
            assertThat(server.chatRequests()).hasSize(4 + 4 * 2 + 1);
        }
    }

    @Test
    void an_answer_unusable_twice_takes_the_offline_text_and_the_record_names_it() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer().answering(body ->
                MllmCaptionerTest.lastUserText(body).contains("setting alone") ? "Sorry." : MllmCaptionerTest.answer(body))) {
            Path out = tmp.resolve("fallback.jsonl");
            Cli cli = Cli.run("caption", SharedMedia.file("videos/sam2_01_dog.mp4").toString(), "-o", out.toString(),
                    "--llm-url", server.baseUrl(), "--llm-model", "test-model");
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            JsonNode record = records(out).get(0);
            assertValid(record);
            assertThat(record.get("Structured Description").get("Background Detail").asText()).startsWith("The background is mostly");
            assertThat(record.get("provenance").get("fallbacks")).hasSize(1);
            assertThat(record.get("provenance").get("fallbacks").get(0).asText()).isEqualTo("Background Detail");
            assertThat(record.get("Global Description").asText()).isEqualTo(MllmCaptionerTest.GLOBAL);
        }
    }

    @Test
    void a_server_failing_a_fifth_of_its_requests_still_gets_every_clip_captioned() throws Exception {
        java.util.Random random = new java.util.Random(5);
        try (FakeOpenAiServer server = new FakeOpenAiServer().answering(MllmCaptionerTest::answer)) {
            for (int i = 0; i < 200; i++) {
                int roll = random.nextInt(10);
                server.then(roll == 0 ? FakeOpenAiServer.Reply.status(429)
                        : roll == 1 ? FakeOpenAiServer.Reply.status(500)
                        : FakeOpenAiServer.Reply.answer(null));
            }
            Path out = tmp.resolve("flaky.jsonl");
            Cli cli = Cli.run("caption", SharedMedia.file("videos/sam2_01_dog.mp4").toString(),
                    SharedMedia.file("videos/moviepy_chaplin.mp4").toString(), "-o", out.toString(),
                    "--llm-url", server.baseUrl(), "--llm-model", "test-model", "--llm-retries", "8");
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            List<JsonNode> records = records(out);
            assertThat(records).hasSize(2).allSatisfy(CaptionCommandTest::assertValid);
            long failures = server.chatRequests().size() - (4 + 4 * 2) - (4 + 4 * 1);
            assertThat(failures).as("requests that met a 429 or 500").isPositive();
        }
    }

    @Test
    void the_schema_refuses_empty_fields_bad_positions_and_unknown_keys() throws Exception {
        String good = "{\"Video\":\"v.mp4\",\"Global Description\":\"A dog runs.\",\"Structured Description\":"
                + "{\"Main Instance\":{\"No.0\":{\"Class\":\"dog\",\"Appearance\":\"Brown.\",\"Actions and Motion\":"
                + "\"Runs.\",\"Position\":\"dog moves from top-left to bottom-right.\"}},\"Background Detail\":\"Grass.\","
                + "\"Camera Movement\":\"Still.\"}}";
        assertThat(schema.validate(Json.mapper().readTree(good))).isEmpty();
        assertThat(schema.validate(Json.mapper().readTree(good.replace("Brown.", " ")))).isNotEmpty();
        assertThat(schema.validate(Json.mapper().readTree(good.replace("top-left", "upper-left")))).isNotEmpty();
        assertThat(schema.validate(Json.mapper().readTree(good.replace("\"Video\"", "\"Clip\"")))).isNotEmpty();
    }

    @Test
    void a_broken_video_goes_to_the_errors_once_and_the_others_are_captioned() throws Exception {
        Path out = tmp.resolve("mixed.jsonl");
        String broken = SharedMedia.file("edge/derived/zero_length.mp4").toString();
        String good = SharedMedia.file("videos/moviepy_chaplin.mp4").toString();
        Cli cli = Cli.run("caption", broken, good, "-o", out.toString());
        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.errLines()).hasSize(2).first().asString().startsWith("error: file is empty");
        assertThat(cli.errLines().get(1)).matches("caption: 1 done, 1 failed, 0 skipped in [0-9.]+ s \\([0-9.]+/min\\); records in \\Q"
                + out + ", failures in " + tmp.resolve("mixed.jsonl.errors.jsonl") + "\\E");
        assertThat(records(out)).hasSize(1);
        Path errors = tmp.resolve("mixed.jsonl.errors.jsonl");
        List<JsonNode> failures = records(errors);
        assertThat(failures).singleElement().satisfies(e -> {
            assertThat(e.get("video").asText()).isEqualTo(broken);
            assertThat(e.get("stage").asText()).isEqualTo("decode");
            assertThat(e.get("reason").asText()).isEqualTo("file is empty");
        });
        JsonNode summary = Json.mapper().readTree(Files.readString(tmp.resolve("mixed.jsonl.summary.json")));
        assertThat(summary.get("inputs").asInt()).isEqualTo(2);
        assertThat(summary.get("captioned").asInt()).isEqualTo(1);
        assertThat(summary.get("failed").asInt()).isEqualTo(1);
        assertThat(tmp.resolve("mixed.jsonl.lock")).doesNotExist();

        // a rerun has nothing left to do, but says that a failure is left, and exits 1; --retry-failed tries the
        // broken one again, which fails again, once
        Cli again = Cli.run("caption", broken, good, "-o", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.errLines()).contains("1 video failed in an earlier run (in " + errors + "); --retry-failed tries them again");
        assertThat(again.errLines()).last().asString().startsWith("caption: 0 done, 0 failed, 2 skipped in ");
        Cli retry = Cli.run("caption", broken, good, "-o", out.toString(), "--retry-failed");
        assertThat(retry.exitCode()).isEqualTo(1);
        assertThat(records(out)).hasSize(1);
        assertThat(records(errors)).hasSize(1);
    }

    @Test
    void a_second_run_into_the_same_output_is_refused() throws Exception {
        Path out = tmp.resolve("busy.jsonl");
        try (RunLock held = RunLock.acquire(out)) {
            Cli cli = Cli.run("caption", SharedMedia.file("videos/moviepy_chaplin.mp4").toString(), "-o", out.toString());
            assertThat(cli.exitCode()).isEqualTo(1);
            assertThat(cli.errLines()).singleElement().asString().startsWith("error: another run is writing to " + out);
        }
        assertThat(out).doesNotExist();
    }
}
