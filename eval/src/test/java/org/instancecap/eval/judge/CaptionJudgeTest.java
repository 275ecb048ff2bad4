package org.instancecap.eval.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.llm.ChatClients;
import org.instancecap.llm.FakeOpenAiServer;
import org.instancecap.vision.video.JavaCvVideoReader;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The judge against a real loopback OpenAI-compatible server, with frames of a real decoded video. */
class CaptionJudgeTest {
    private static final String GOOD = "{\"detail\": 4, \"detail_reason\": \"The dog's coat and its run are described.\", "
            + "\"hallucination\": 5, \"hallucination_reason\": \"Nothing is made up.\"}";

    @TempDir
    static Path tmp;
    static SampledFrames frames;

    FakeOpenAiServer server;
    ChatClient client;

    @BeforeAll
    static void video() throws Exception {
        Path video = SyntheticVideos.write(tmp.resolve("clip.mkv"), SyntheticVideos.Kind.FFV1_MKV, 64, 48, 20, 10,
                k -> SyntheticVideos.pattern(64, 48, k));
        frames = new JavaCvVideoReader().sample(video, 4);
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
        client = ChatClients.of(new LlmSettings(server.baseUrl(), "judge-model", null, Duration.ofSeconds(10), 256, 0, 256, 0, 2),
                new TokenTally());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static JsonNode body(FakeOpenAiServer.Request request) throws Exception {
        return Json.mapper().readTree(request.body());
    }

    private static int images(JsonNode body) {
        int n = 0;
        for (JsonNode message : body.path("messages")) {
            for (JsonNode part : message.path("content")) {
                n += part.path("type").asText().equals("image_url") ? 1 : 0;
            }
        }
        return n;
    }

    private static String texts(JsonNode body) {
        StringBuilder all = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                all.append(content.asText()).append('\n');
            }
            for (JsonNode part : content) {
                all.append(part.path("text").asText()).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void sends_the_frames_the_rubrics_and_the_caption_and_reads_the_scores() throws Exception {
        server.then(FakeOpenAiServer.Reply.answer("```json\n" + GOOD + "\n```"));
        Judgement j = new CaptionJudge(client).judge(frames, "A brown dog runs across a lawn.");
        assertThat(j).isEqualTo(new Judgement(4, "The dog's coat and its run are described.", 5, "Nothing is made up."));

        assertThat(server.chatRequests()).hasSize(1);
        JsonNode body = body(server.chatRequests().get(0));
        assertThat(images(body)).isEqualTo(4);
        String text = texts(body);
        assertThat(text).contains("A brown dog runs across a lawn.", "INSTANCE DETAIL", "HALLUCINATION", "5 is best: nothing is made up",
                "The 4 images are frames taken from it at even intervals", "On both scales a higher score is better");
        for (int level = 1; level <= 5; level++) {
            assertThat(text).contains(level + " = ");
        }
    }

    @Test
    void an_unreadable_answer_is_asked_again_once_with_a_correction() throws Exception {
        server.then(FakeOpenAiServer.Reply.answer("I would give it a four for detail and five for hallucination."),
                FakeOpenAiServer.Reply.answer(GOOD));
        Judgement j = new CaptionJudge(client).judge(frames, "A dog.");
        assertThat(j.detail()).isEqualTo(4);
        assertThat(j.hallucination()).isEqualTo(5);

        assertThat(server.chatRequests()).hasSize(2);
        JsonNode second = body(server.chatRequests().get(1));
        List<String> roles = new ArrayList<>();
        second.path("messages").forEach(m -> roles.add(m.path("role").asText()));
        assertThat(roles).containsExactly("system", "user", "assistant", "user");
        assertThat(texts(second)).contains("I would give it a four", "Your answer could not be read: it holds no JSON object");
        assertThat(images(second)).isEqualTo(4);
    }

    @Test
    void two_unreadable_answers_are_an_error_that_says_why() {
        server.then(FakeOpenAiServer.Reply.answer("{\"detail\": 7, \"detail_reason\": \"x\", \"hallucination\": 2, \"hallucination_reason\": \"y\"}"),
                FakeOpenAiServer.Reply.answer("{\"detail\": \"high\", \"hallucination\": 2}"));
        assertThatThrownBy(() -> new CaptionJudge(client).judge(frames, "A dog."))
                .isInstanceOf(InstanceCapException.class)
                .hasMessage("the judge's answer could not be read, twice: \"detail\" is not a whole number from 1 to 5");
        assertThat(server.chatRequests()).hasSize(2);
    }

    @Test
    void reads_scores_given_as_text_or_as_whole_decimals_and_keys_in_any_case() {
        Judgement.Reading r = Judgement.read("Here is my verdict: {\"Detail\": \"3/5\", \"Detail_Reason\": \"general words\", "
                + "\"HALLUCINATION\": 2.0, \"hallucination reason\": \"a cat that is not there\"} Hope this helps.");
        assertThat(r.judgement()).isEqualTo(new Judgement(3, "general words", 2, "a cat that is not there"));
        assertThat(Judgement.read("{\"detail\": 3.5, \"detail_reason\": \"a\", \"hallucination\": 2, \"hallucination_reason\": \"b\"}")
                .problem()).isEqualTo("\"detail\" is not a whole number from 1 to 5");
        assertThat(Judgement.read("{\"detail\": 3, \"detail_reason\": \"a\", \"hallucination\": 0, \"hallucination_reason\": \"b\"}")
                .problem()).isEqualTo("\"hallucination\" is not a whole number from 1 to 5");
        assertThat(Judgement.read("{\"detail\": 3, \"hallucination\": 4}").problem()).contains("must both say why");
        assertThat(Judgement.read("{\"detail\": 3,").problem()).isEqualTo("it holds no JSON object");
        assertThat(Judgement.read("{\"detail\": 3,}").problem()).isEqualTo("it is not valid JSON");
        assertThat(Judgement.read("   ").problem()).isEqualTo("it was empty");
        assertThat(Judgement.read("<think>Scores {like this} need care.</think>\nI checked {the frames}: {\"detail\": 2, "
                + "\"detail_reason\": \"a\", \"hallucination\": 3, \"hallucination_reason\": \"b\"}").judgement())
                .isEqualTo(new Judgement(2, "a", 3, "b"));
    }

    @Test
    void the_summary_has_the_mean_and_the_count_of_each_score_per_captioner() {
        JudgeSummary summary = new JudgeSummary();
        int[][] scores = {{5, 4}, {4, 4}, {3, 5}, {4, 2}};
        for (int[] s : scores) {
            summary.add(Json.mapper().createObjectNode().put("captioner", "mllm:qwen").put("detail", s[0]).put("hallucination", s[1]));
        }
        summary.add(Json.mapper().createObjectNode().put("captioner", "baseline").put("detail", 1).put("hallucination", 3));
        summary.add(Json.mapper().createObjectNode().put("captioner", "baseline").put("detail", 2).put("hallucination", 3));
        List<JudgeSummary.Scores> all = summary.scores();
        assertThat(all).extracting(JudgeSummary.Scores::captioner).containsExactly("mllm:qwen", "baseline");
        assertThat(all.get(0).videos()).isEqualTo(4);
        assertThat(all.get(0).meanDetail()).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(all.get(0).meanHallucination()).isCloseTo(3.75, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(all.get(0).detail()).containsExactly(0, 0, 1, 2, 1);
        assertThat(all.get(0).hallucination()).containsExactly(0, 1, 0, 2, 1);
        assertThat(all.get(1).meanDetail()).isCloseTo(1.5, org.assertj.core.api.Assertions.within(1e-9));
        JsonNode json = summary.toJson();
        assertThat(json.path("captioners").get(1).path("hallucination").path("counts").path("3").asLong()).isEqualTo(2);
        assertThat(summary.toMarkdown()).contains("| mllm:qwen | 4 | 4.00 | 0/0/1/2/1 | 3.75 | 0/1/0/2/1 |",
                "| baseline | 2 | 1.50 | 1/1/0/0/0 | 3.00 | 0/0/2/0/0 |");
        assertThat(summary.toTable().lines().toList()).hasSize(3);
    }
}
