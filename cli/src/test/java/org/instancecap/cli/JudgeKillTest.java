package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.instancecap.core.json.Json;
import org.instancecap.llm.FakeOpenAiServer;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A judge run killed with SIGKILL part-way, then run again: every record judged exactly once. */
class JudgeKillTest {
    private static final int RECORDS = 60;
    private static final int KILL_AFTER = 8;

    @TempDir
    Path tmp;

    @Test
    void a_killed_judge_run_and_a_rerun_leave_every_record_exactly_once() throws Exception {
        SyntheticVideos.write(tmp.resolve("clip.mkv"), SyntheticVideos.Kind.FFV1_MKV, 48, 32, 8, 8, k -> SyntheticVideos.pattern(48, 32, k));
        List<String> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            records.add("{\"Video\":\"clip.mkv\",\"caption\":\"A pattern, take " + i + ".\",\"provenance\":{\"captioner\":\"c" + i + "\"}}");
        }
        Path captions = Files.write(tmp.resolve("captions.jsonl"), records, StandardCharsets.UTF_8);
        Path out = tmp.resolve("judged.jsonl");
        Path errors = tmp.resolve("judged.jsonl.errors.jsonl");
        String answer = "{\"detail\": 3, \"detail_reason\": \"general\", \"hallucination\": 4, \"hallucination_reason\": \"one slip\"}";
        try (FakeOpenAiServer server = new FakeOpenAiServer().otherwise(FakeOpenAiServer.Reply.slow(answer, 40))) {
            String[] args = {"judge", captions.toString(), "-o", out.toString(), "--concurrency", "2", "-n", "2",
                "--llm-url", server.baseUrl(), "--llm-model", "test-model"};
            KilledRun.killAfter(KILL_AFTER, tmp.resolve("first.log"), List.of(out, errors), args);
            int before = KilledRun.complete(List.of(out, errors));
            assertThat(before).isGreaterThanOrEqualTo(KILL_AFTER).isLessThan(RECORDS);

            Cli second = Cli.run(args);
            assertThat(second.exitCode()).as(second.err()).isZero();
            Matcher said = Pattern.compile("(\\d+) of " + RECORDS + " captions are in").matcher(second.err());
            assertThat(said.find()).as(second.err()).isTrue();
            assertThat(Integer.parseInt(said.group(1))).isBetween(before - 1, before + 1);
        }
        List<String> captioners = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode r = Json.mapper().readTree(line);
            captioners.add(r.path("captioner").asText());
            assertThat(r.path("detail").asInt()).isEqualTo(3);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            expected.add("c" + i);
        }
        assertThat(captioners).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.readAllLines(errors)).isEmpty();
        JsonNode summary = Json.mapper().readTree(tmp.resolve("judged.summary.json").toFile());
        assertThat(summary.path("captioners")).hasSize(RECORDS);
    }
}
