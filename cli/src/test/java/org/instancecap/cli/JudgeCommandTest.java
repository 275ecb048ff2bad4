package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.json.Json;
import org.instancecap.llm.FakeOpenAiServer;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code judge} over records of two captioners, real videos, and a real loopback chat server. */
class JudgeCommandTest {
    @TempDir
    Path tmp;
    Path videos;
    Path captions;
    FakeOpenAiServer server;

    /** Scores by the caption's marker word, so that each record gets known scores whatever the order of the requests. */
    private static String answer(String body) {
        int[] s = body.contains("CAPTION-A") ? new int[] {5, 4} : body.contains("CAPTION-B") ? new int[] {3, 2}
                : body.contains("PLAIN-A") ? new int[] {2, 5} : new int[] {1, 1};
        return "{\"detail\": " + s[0] + ", \"detail_reason\": \"reason for detail " + s[0] + "\", \"hallucination\": " + s[1]
                + ", \"hallucination_reason\": \"reason for hallucination " + s[1] + "\"}";
    }

    private static String structured(String video, String marker) {
        return "{\"Video\":\"" + video + "\",\"Global Description\":\"" + marker + " a coloured pattern moves.\","
                + "\"Structured Description\":{\"Main Instance\":{\"No.0\":{\"Class\":\"pattern\",\"Appearance\":\"Red and green bands.\","
                + "\"Actions and Motion\":\"It slides to the right.\",\"Position\":\"It fills the frame.\"}},"
                + "\"Background Detail\":\"There is no background.\",\"Camera Movement\":\"The camera is static.\"},"
                + "\"provenance\":{\"tool\":\"instancecap test\",\"captioner\":\"mllm:big\"}}";
    }

    @BeforeEach
    void setUp() throws Exception {
        videos = Files.createDirectories(tmp.resolve("videos"));
        for (String name : List.of("a.mkv", "b.mkv")) {
            SyntheticVideos.write(videos.resolve(name), SyntheticVideos.Kind.FFV1_MKV, 64, 48, 16, 8,
                    k -> SyntheticVideos.pattern(64, 48, k));
        }
        captions = tmp.resolve("baseline.jsonl");
        Files.write(captions, List.of(structured("clips/a.mkv", "CAPTION-A"), structured("b.mkv", "CAPTION-B"),
                "{\"Video\":\"a.mkv\",\"caption\":\"PLAIN-A A pattern.\"}", "this line is not JSON",
                "{\"Video\":\"missing.mkv\",\"caption\":\"PLAIN-M Nothing.\"}"), StandardCharsets.UTF_8);
        server = new FakeOpenAiServer().answering(JudgeCommandTest::answer);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Cli judge(Path results, String... more) {
        List<String> args = new ArrayList<>(List.of("judge", captions.toString(), "--videos", videos.toString(), "-n", "4",
                "--llm-url", server.baseUrl(), "--llm-model", "test-model", "-o", results.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    @Test
    void scores_each_record_with_reasons_and_sums_up_per_captioner_then_resumes() throws Exception {
        Path results = tmp.resolve("judged.jsonl");
        Cli first = judge(results);
        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        assertThat(first.err()).contains("skipped line 4 of " + captions + ": not JSON", "missing.mkv");

        List<JsonNode> judged = lines(results);
        assertThat(judged).hasSize(3);
        JsonNode a = judged.stream().filter(r -> r.path("video").asText().equals("clips/a.mkv")).findFirst().orElseThrow();
        assertThat(a.path("captioner").asText()).isEqualTo("mllm:big");
        assertThat(a.path("detail").asInt()).isEqualTo(5);
        assertThat(a.path("hallucination").asInt()).isEqualTo(4);
        assertThat(a.path("detailReason").asText()).isEqualTo("reason for detail 5");
        assertThat(a.path("frames").asInt()).isEqualTo(4);
        JsonNode plain = judged.stream().filter(r -> r.path("video").asText().equals("a.mkv")).findFirst().orElseThrow();
        assertThat(plain.path("captioner").asText()).as("no provenance: the file's name").isEqualTo("baseline");

        List<JsonNode> errors = lines(tmp.resolve("judged.jsonl.errors.jsonl"));
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("video").asText()).isEqualTo("missing.mkv");
        assertThat(errors.get(0).path("stage").asText()).isEqualTo("decode");
        assertThat(errors.get(0).path("reason").asText()).startsWith("no such file in " + videos);

        JsonNode summary = Json.mapper().readTree(tmp.resolve("judged.summary.json").toFile());
        JsonNode big = summary.path("captioners").get(0);
        assertThat(big.path("captioner").asText()).isEqualTo("mllm:big");
        assertThat(big.path("videos").asInt()).isEqualTo(2);
        assertThat(big.path("detail").path("mean").asDouble()).isCloseTo(4.0, within(1e-9));
        assertThat(big.path("hallucination").path("mean").asDouble()).isCloseTo(3.0, within(1e-9));
        assertThat(big.path("detail").path("counts").path("5").asInt()).isEqualTo(1);
        assertThat(big.path("detail").path("counts").path("3").asInt()).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("judged.summary.md"))).contains("| mllm:big | 2 | 4.00 | 0/0/1/0/1 | 3.00 | 0/1/0/1/0 |",
                "| baseline | 1 | 2.00 | 0/1/0/0/0 | 5.00 | 0/0/0/0/1 |");
        assertThat(first.outLines()).hasSize(3);
        assertThat(first.outLines().get(1)).startsWith("mllm:big").contains("4.00", "0/0/1/0/1", "3.00");

        // every frame was sent: 4 per request, one request per judged record
        long asked = server.chatRequests().size();
        assertThat(asked).isEqualTo(3);
        int images = 0;
        for (JsonNode message : Json.mapper().readTree(server.chatRequests().get(0).body()).path("messages")) {
            for (JsonNode part : message.path("content")) {
                images += part.path("type").asText().equals("image_url") ? 1 : 0;
            }
        }
        assertThat(images).isEqualTo(4);

        Cli again = judge(results);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("4 of 4 captions are in", "1 caption failed in an earlier run");
        assertThat(server.chatRequests()).hasSize(3);
        assertThat(lines(results)).hasSize(3);

        SyntheticVideos.write(videos.resolve("missing.mkv"), SyntheticVideos.Kind.FFV1_MKV, 64, 48, 16, 8,
                k -> SyntheticVideos.pattern(64, 48, k));
        Cli retried = judge(results, "--retry-failed");
        assertThat(retried.exitCode()).as(retried.err()).isZero();
        assertThat(server.chatRequests()).hasSize(4);
        assertThat(lines(results)).hasSize(4);
        assertThat(Files.readAllLines(tmp.resolve("judged.jsonl.errors.jsonl"))).isEmpty();
        JsonNode baseline = Json.mapper().readTree(tmp.resolve("judged.summary.json").toFile()).path("captioners").get(1);
        assertThat(baseline.path("videos").asInt()).isEqualTo(2);
        assertThat(baseline.path("detail").path("mean").asDouble()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void an_answer_unreadable_twice_is_an_error_record_with_the_reason_and_the_others_go_on() throws Exception {
        server.answering(body -> body.contains("CAPTION-B") ? "Pretty good, I'd say." : answer(body));
        Path results = tmp.resolve("r.jsonl");
        Cli run = judge(results);
        assertThat(run.exitCode()).isEqualTo(1);
        List<JsonNode> errors = lines(tmp.resolve("r.jsonl.errors.jsonl"));
        assertThat(errors).extracting(e -> e.path("video").asText()).containsExactlyInAnyOrder("b.mkv", "missing.mkv");
        JsonNode b = errors.stream().filter(e -> e.path("video").asText().equals("b.mkv")).findFirst().orElseThrow();
        assertThat(b.path("stage").asText()).isEqualTo("judge");
        assertThat(b.path("reason").asText()).isEqualTo("the judge's answer could not be read, twice: it holds no JSON object");
        assertThat(b.path("captioner").asText()).isEqualTo("mllm:big");
        assertThat(lines(results)).hasSize(2);
        assertThat(run.err()).contains("the judge's answer could not be read, twice");
    }

    @Test
    void without_a_judge_model_or_captions_it_is_a_usage_error() {
        Cli noServer = Cli.run("judge", captions.toString(), "-o", tmp.resolve("x.jsonl").toString());
        assertThat(noServer.exitCode()).isEqualTo(2);
        assertThat(noServer.err()).contains("judge needs a judge model");
        Cli noFile = Cli.run("judge", tmp.resolve("nope.jsonl").toString(), "--llm-url", server.baseUrl(), "--llm-model", "test-model",
                "-o", tmp.resolve("x.jsonl").toString());
        assertThat(noFile.exitCode()).isEqualTo(1);
        assertThat(noFile.errLines()).containsExactly("error: no such file (" + tmp.resolve("nope.jsonl") + ")");
    }
}
