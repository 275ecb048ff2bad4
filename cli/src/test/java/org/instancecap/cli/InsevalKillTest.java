package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.instancecap.llm.FakeOpenAiServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inseval score} killed with SIGKILL part-way, then run again: every prompt judged exactly once, the table whole. */
class InsevalKillTest {
    private static final int PROMPTS = 40;
    private static final int KILL_AFTER = 6;

    @TempDir
    Path tmp;

    @Test
    void a_killed_score_run_and_a_rerun_judge_every_video_exactly_once() throws Exception {
        Path set = tmp.resolve("set");
        Path videos = tmp.resolve("videos");
        Path one = tmp.resolve("one.mp4");
        InsevalCommandTest.video(one);
        String[] lines = new String[PROMPTS];
        for (int i = 0; i < PROMPTS; i++) {
            String name = String.format("%04d.mp4", i);
            lines[i] = InsevalCommandTest.line(name, "cup", "color", "red");
            Path video = videos.resolve("single/color/" + name);
            Files.createDirectories(video.getParent());
            Files.createSymbolicLink(video, one);
        }
        InsevalCommandTest.writeSet(set, "single", "color", lines);
        Path out = tmp.resolve("results.jsonl");
        Path errors = tmp.resolve("results.jsonl.errors.jsonl");

        // every answer is YES after 25 ms: 4 requests a video, one video at a time
        try (FakeOpenAiServer server = new FakeOpenAiServer().otherwise(FakeOpenAiServer.Reply.slow("YES, it is.", 25))) {
            String[] args = {"inseval", "score", videos.toString(), "--set", set.toString(), "-o", out.toString(), "--llm-url",
                server.baseUrl(), "--llm-model", "test-model", "--concurrency", "1", "-n", "2"};
            KilledRun.killAfter(KILL_AFTER, tmp.resolve("first.log"), List.of(out, errors), args);
            int before = KilledRun.complete(List.of(out, errors));
            assertThat(before).isGreaterThanOrEqualTo(KILL_AFTER).isLessThan(PROMPTS);
            assertThat(tmp.resolve("results.jsonl.table.json")).doesNotExist();

            Cli second = Cli.run(args);
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.err()).containsPattern("\\d+ of " + PROMPTS + " videos are judged already");
            Map<String, JsonNode> results = InsevalCommandTest.byVideo(out); // fails on a video judged twice
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < PROMPTS; i++) {
                expected.add(String.format("single/color/%04d.mp4", i));
            }
            assertThat(results.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(results.values()).allSatisfy(r -> assertThat(r.get("verdict").asText()).isEqualTo("pass"));
            JsonNode table = new ObjectMapper().readTree(tmp.resolve("results.jsonl.table.json").toFile());
            assertThat(table.get("complete").asBoolean()).isTrue();
            assertThat(table.get("cells").get(0).get("passed").asInt()).isEqualTo(PROMPTS);
            assertThat(table.get("paper").get("single/color").asDouble()).isEqualTo(100.0);
            assertThat(tmp.resolve("results.jsonl.lock")).doesNotExist();
        }
    }
}
