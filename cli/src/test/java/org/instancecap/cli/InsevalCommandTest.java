package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.instancecap.llm.FakeOpenAiServer;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inseval score} against a real loopback server whose answers are scripted per question. */
class InsevalCommandTest {

    private static final Pattern PRESENT = Pattern.compile("^Is there an? (.+?) in the video\\?");
    private static final Pattern ATTRIBUTE = Pattern.compile("^What (?:colour|shape) is the (.+?)\\?|^What is the (.+?) doing\\?");
    private static final Pattern MATCH = Pattern.compile("^The prompt asked for an? (.+?) whose");
    private static final String AGAIN = "Your answer did not begin with YES or NO.";

    /** Answers by step and class; a second answer (after the reminder) under "again:". */
    private final Map<String, String> answers = new HashMap<>(Map.ofEntries(
            Map.entry("present:cup", "YES"), Map.entry("match:cup", "Yes, it is red."),
            Map.entry("present:kettle", "YES"), Map.entry("match:kettle", "No. The answer is not YES"),
            Map.entry("present:dog", "Yes."), Map.entry("match:dog", "I think it might."), Map.entry("again:match:dog", "Maybe."),
            Map.entry("present:horse", "The horse is there."), Map.entry("again:present:horse", "**YES**"), Map.entry("match:horse", "yes"),
            Map.entry("present:ball", "NO"),
            Map.entry("present:apple", "YES"), Map.entry("match:apple", "YES"),
            Map.entry("present:plate", "Yes"), Map.entry("match:plate", "Yes."),
            Map.entry("present:pear", "YES"), Map.entry("match:pear", "YES"),
            Map.entry("present:bowl", "No, there is none.")));

    @TempDir
    Path tmp;

    @Test
    void the_table_is_what_the_scripted_answers_imply() throws Exception {
        Path set = tmp.resolve("set");
        writeSet(set, "single", "color", line("0000.mp4", "cup", "color", "red"), line("0001.mp4", "kettle", "color", "green"),
                line("0002.mp4", "vase", "color", "blue"), line("0003.mp4", "cup", "color", "red"));
        writeSet(set, "single", "action", line("0000.mp4", "dog", "action", "runs"), line("0001.mp4", "horse", "action", "gallops"));
        writeSet(set, "single", "shape", line("0000.mp4", "ball", "shape", "round"));
        writeSet(set, "multiple", "color", multiple("0000.mp4", "apple", "red", "plate", "white"),
                multiple("0001.mp4", "pear", "yellow", "bowl", "blue"));
        Path videos = tmp.resolve("videos");
        for (String video : List.of("single/color/0000.mp4", "single/color/0001.mp4", "single/action/0000.mp4",
                "single/action/0001.mp4", "single/shape/0000.mp4", "multiple/color/0000.mp4", "multiple/color/0001.mp4")) {
            video(videos.resolve(video));
        }
        // single/color/0002.mp4 is missing; 0003.mp4 is not a video
        Files.writeString(videos.resolve("single/color/0003.mp4"), "not a video");
        Path out = tmp.resolve("results.jsonl");

        try (FakeOpenAiServer server = new FakeOpenAiServer().answering(body -> answer(body, answers))) {
            Cli cli = Cli.run("inseval", "score", videos.toString(), "--set", set.toString(), "-o", out.toString(),
                    "--llm-url", server.baseUrl(), "--llm-model", "test-model", "--concurrency", "2", "-n", "3");
            assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1); // the missing and unreadable videos are failures
            assertThat(cli.errLines()).last().asString().startsWith("inseval score: 7 done, 2 failed, 0 skipped in ");

            JsonNode table = new ObjectMapper().readTree(tmp.resolve("results.jsonl.table.json").toFile());
            assertThat(table.get("judge").asText()).isEqualTo("llm:test-model");
            assertThat(table.get("offline").asBoolean()).isFalse();
            assertThat(table.get("complete").asBoolean()).isTrue();
            assertThat(cell(table, "single", "color")).isEqualTo("prompts 4 passed 1 failed 3 missing 1 notJudged 0 notScored 0 score 25.0");
            assertThat(cell(table, "single", "action")).isEqualTo("prompts 2 passed 1 failed 1 missing 0 notJudged 0 notScored 0 score 50.0");
            assertThat(cell(table, "single", "shape")).isEqualTo("prompts 1 passed 0 failed 1 missing 0 notJudged 0 notScored 0 score 0.0");
            assertThat(cell(table, "multiple", "color")).isEqualTo("prompts 2 passed 1 failed 1 missing 0 notJudged 0 notScored 0 score 50.0");
            assertThat(table.get("cells")).hasSize(4);
            assertThat(table.get("paper").get("single/color").asDouble()).isEqualTo(25.0);
            assertThat(table.get("paper").get("single/texture").isNull()).isTrue();
            assertThat(table.get("paper").get("average").isNull()).isTrue();
            assertThat(table.get("missing")).extracting(JsonNode::asText).containsExactly("single/color/0002.mp4");
            String markdown = Files.readString(tmp.resolve("results.jsonl.table.md"));
            assertThat(markdown).contains("| 50.0 | 25.0 | 0.0 | — | — | — | 50.0 | — | — |")
                    .contains("Missing videos (1): single/color/0002.mp4");
            assertThat(cli.out()).isEqualTo(markdown);

            Map<String, JsonNode> results = byVideo(out);
            assertThat(results.keySet()).containsExactlyInAnyOrder("single/color/0000.mp4", "single/color/0001.mp4",
                    "single/action/0000.mp4", "single/action/0001.mp4", "single/shape/0000.mp4", "multiple/color/0000.mp4",
                    "multiple/color/0001.mp4");
            assertThat(verdicts(results)).containsExactlyInAnyOrderEntriesOf(Map.of("single/color/0000.mp4", "pass",
                    "single/color/0001.mp4", "fail", "single/action/0000.mp4", "fail", "single/action/0001.mp4", "pass",
                    "single/shape/0000.mp4", "fail", "multiple/color/0000.mp4", "pass", "multiple/color/0001.mp4", "fail"));
            assertThat(results.get("single/color/0001.mp4").get("reason").asText()).isEqualTo("kettle: does not match \"green\"");
            JsonNode dog = results.get("single/action/0000.mp4");
            assertThat(dog.get("reason").asText())
                    .isEqualTo("dog: unclear answer, asked twice, to whether it matches \"runs\": \"Maybe.\"");
            assertThat(steps(dog)).containsExactly("describe", "present", "attribute", "match", "match");
            assertThat(dog.get("questions").get(4).get("question").asText()).startsWith(AGAIN);
            assertThat(steps(results.get("single/action/0001.mp4"))).containsExactly("describe", "present", "present", "attribute", "match");
            // a class that is not there is asked nothing more
            JsonNode ball = results.get("single/shape/0000.mp4");
            assertThat(steps(ball)).containsExactly("describe", "present");
            assertThat(ball.get("reason").asText()).isEqualTo("ball: no ball in the video");
            assertThat(ball.get("instances").get(0).get("present").asBoolean()).isFalse();
            JsonNode pear = results.get("multiple/color/0001.mp4");
            assertThat(pear.get("instances").get(0).get("verdict").asText()).isEqualTo("pass");
            assertThat(pear.get("instances").get(1).get("verdict").asText()).isEqualTo("fail");
            assertThat(steps(pear)).containsExactly("describe", "present", "attribute", "match", "present");
            assertThat(results.get("multiple/color/0000.mp4").get("questions")).hasSize(7);
            // one conversation per video: 4 + 4 + 5 + 5 + 2 + 7 + 5 requests, the frames in every one
            assertThat(server.chatRequests()).hasSize(32);
            assertThat(server.chatRequests()).allSatisfy(r -> assertThat(r.body()).contains("data:image/jpeg;base64,"));

            Map<String, JsonNode> errors = byVideo(tmp.resolve("results.jsonl.errors.jsonl"));
            assertThat(errors.get("single/color/0002.mp4").get("stage").asText()).isEqualTo("missing");
            assertThat(errors.get("single/color/0002.mp4").get("reason").asText()).contains(videos.resolve("single/color/0002.mp4").toString());
            assertThat(errors.get("single/color/0003.mp4").get("stage").asText()).isEqualTo("decode");

            // the missing video made, a retry judges the two failures again and nothing else
            video(videos.resolve("single/color/0002.mp4"));
            answers.put("present:vase", "YES");
            answers.put("match:vase", "YES");
            int before = server.chatRequests().size();
            Cli retry = Cli.run("inseval", "score", videos.toString(), "--set", set.toString(), "-o", out.toString(),
                    "--llm-url", server.baseUrl(), "--llm-model", "test-model", "-n", "3", "--retry-failed");
            assertThat(retry.errLines()).last().asString().startsWith("inseval score: 1 done, 1 failed, 7 skipped in ");
            assertThat(server.chatRequests().size() - before).isEqualTo(4);
            JsonNode again = new ObjectMapper().readTree(tmp.resolve("results.jsonl.table.json").toFile());
            assertThat(cell(again, "single", "color")).isEqualTo("prompts 4 passed 2 failed 2 missing 0 notJudged 0 notScored 0 score 50.0");

            Cli offline = Cli.run("inseval", "score", videos.toString(), "--set", set.toString(), "-o", out.toString(), "--offline");
            assertThat(offline.exitCode()).isEqualTo(2);
            assertThat(offline.err()).contains("holds the judgements of llm:test-model, not of offline-proxy");
        }
    }

    @Test
    void prompts_lists_each_sentence_with_the_path_of_its_video_and_can_render_them_for_a_model() throws Exception {
        Path set = tmp.resolve("set");
        writeSet(set, "single", "color", line("0000.mp4", "cup", "color", "red"));
        writeSet(set, "multiple", "color", multiple("0007.mp4", "apple", "red", "plate", "white"));
        Path out = tmp.resolve("prompts.jsonl");
        Cli plain = Cli.run("inseval", "prompts", "--set", set.toString(), "-o", out.toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        List<JsonNode> lines = lines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("video").asText()).isEqualTo("single/color/0000.mp4");
        assertThat(lines.get(0).get("name").asText()).isEqualTo("0000.mp4");
        assertThat(lines.get(0).get("prompt").asText()).isEqualTo("A red cup stands still.");
        assertThat(lines.get(1).get("video").asText()).isEqualTo("multiple/color/0007.mp4");

        Path rendered = tmp.resolve("cogvideox.jsonl");
        Cli cog = Cli.run("inseval", "prompts", "--set", set.toString(), "-o", rendered.toString(), "--target", "cogvideox");
        assertThat(cog.exitCode()).as(cog.err()).isZero();
        List<JsonNode> paragraphs = lines(rendered);
        assertThat(paragraphs).hasSize(2);
        for (JsonNode p : paragraphs) {
            assertThat(p.get("target").asText()).isEqualTo("cogvideox");
            assertThat(p.get("tokens").asInt()).isBetween(1, 226);
            assertThat(p.get("prompt").asText()).isNotEqualTo(p.get("sentence").asText());
        }
        assertThat(paragraphs.get(0).get("prompt").asText()).containsIgnoringCase("cup");
        assertThat(paragraphs.get(1).get("prompt").asText()).containsIgnoringCase("apple").containsIgnoringCase("plate");
    }

    @Test
    void a_judge_that_fails_leaves_its_prompts_not_scored_rather_than_failed() throws Exception {
        Path set = tmp.resolve("set");
        writeSet(set, "single", "color", line("0000.mp4", "cup", "color", "red"), line("0001.mp4", "vase", "color", "blue"));
        Path videos = tmp.resolve("videos");
        video(videos.resolve("single/color/0000.mp4"));
        Path out = tmp.resolve("results.jsonl");
        try (FakeOpenAiServer server = new FakeOpenAiServer().otherwise(FakeOpenAiServer.Reply.status(400))) {
            Cli cli = Cli.run("inseval", "score", videos.toString(), "--set", set.toString(), "-o", out.toString(),
                    "--llm-url", server.baseUrl(), "--llm-model", "test-model", "-n", "2");
            assertThat(cli.exitCode()).isEqualTo(1);
            Map<String, JsonNode> errors = byVideo(tmp.resolve("results.jsonl.errors.jsonl"));
            assertThat(errors.get("single/color/0000.mp4").get("stage").asText()).isEqualTo("judge");
            assertThat(errors.get("single/color/0001.mp4").get("stage").asText()).isEqualTo("missing");
            JsonNode table = new ObjectMapper().readTree(tmp.resolve("results.jsonl.table.json").toFile());
            assertThat(cell(table, "single", "color")).isEqualTo("prompts 2 passed 0 failed 1 missing 1 notJudged 0 notScored 1 score 0.0");
            assertThat(table.get("complete").asBoolean()).isFalse();
            assertThat(Files.readString(tmp.resolve("results.jsonl.table.md"))).contains("Incomplete: some prompts are not scored yet");
        }
    }

    /** The scripted answer to a request: by the step and class of its last question, or of the one before a reminder. */
    static String answer(String body, Map<String, String> answers) {
        try {
            List<String> questions = new ArrayList<>();
            for (JsonNode m : new ObjectMapper().readTree(body).get("messages")) {
                if (m.get("role").asText().equals("user")) {
                    JsonNode content = m.get("content");
                    questions.add(content.isTextual() ? content.asText() : content.get(content.size() - 1).get("text").asText());
                }
            }
            String last = questions.get(questions.size() - 1);
            boolean again = last.startsWith(AGAIN);
            String question = again ? questions.get(questions.size() - 2) : last;
            String key;
            Matcher m;
            if ((m = PRESENT.matcher(question)).find()) {
                key = "present:" + m.group(1);
            } else if ((m = ATTRIBUTE.matcher(question)).find()) {
                return "It looks as asked.";
            } else if ((m = MATCH.matcher(question)).find()) {
                key = "match:" + m.group(1);
            } else {
                return "A thing stands in an empty room.";
            }
            String answer = answers.get((again ? "again:" : "") + key);
            return answer != null ? answer : answers.getOrDefault(key, "unscripted question");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String line(String name, String cls, String dimension, String value) {
        return "{\"name\": \"" + name + "\", \"sentence\": \"A " + value + " " + cls + " stands still.\", \"instance\": {\"class\": \""
                + cls + "\", \"" + dimension + "\": \"" + value + "\"}}";
    }

    static String multiple(String name, String first, String firstColour, String second, String secondColour) {
        return "{\"name\": \"" + name + "\", \"sentence\": \"A " + firstColour + " " + first + " lies on a " + secondColour + " " + second
                + ".\", \"instance\": {\"0\": {\"class\": \"" + first + "\", \"color\": \"" + firstColour + "\"}, \"1\": {\"class\": \""
                + second + "\", \"color\": \"" + secondColour + "\"}}}";
    }

    static void writeSet(Path set, String which, String dimension, String... lines) throws Exception {
        Path dir = Files.createDirectories(set.resolve(which));
        Files.writeString(dir.resolve(dimension + ".jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static void video(Path file) throws Exception {
        SyntheticVideos.write(file, SyntheticVideos.Kind.MPEG4_MP4, 64, 48, 6, 6, k -> SyntheticVideos.pattern(64, 48, k));
    }

    private static String cell(JsonNode table, String set, String dimension) {
        for (JsonNode c : table.get("cells")) {
            if (c.get("set").asText().equals(set) && c.get("dimension").asText().equals(dimension)) {
                return "prompts " + c.get("prompts") + " passed " + c.get("passed") + " failed " + c.get("failed") + " missing "
                        + c.get("missing") + " notJudged " + c.get("notJudged") + " notScored " + c.get("notScored") + " score "
                        + c.get("score");
            }
        }
        return null;
    }

    private static List<String> steps(JsonNode result) {
        List<String> steps = new ArrayList<>();
        result.get("questions").forEach(q -> steps.add(q.get("step").asText()));
        return steps;
    }

    private static Map<String, String> verdicts(Map<String, JsonNode> results) {
        Map<String, String> verdicts = new HashMap<>();
        results.forEach((video, r) -> verdicts.put(video, r.get("verdict").asText()));
        return verdicts;
    }

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    static Map<String, JsonNode> byVideo(Path file) throws Exception {
        Map<String, JsonNode> map = new HashMap<>();
        for (JsonNode line : lines(file)) {
            assertThat(map.put(line.get("video").asText(), line)).as("one line per video").isNull();
        }
        return map;
    }
}
