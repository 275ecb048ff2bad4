package org.instancecap.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.enhance.EnhancedPrompt;
import org.instancecap.core.enhance.Enhancer;
import org.instancecap.core.enhance.EnhancerPrompts;
import org.instancecap.core.enhance.InstanceEnhancer;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.render.ApproximateT5TokenCounter;
import org.instancecap.core.render.LlmParagraphWriter;
import org.instancecap.core.render.RenderedParagraph;
import org.instancecap.core.render.Renderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Prompt enhancement and LLM rendering against a real HTTP server answering as a model might. */
class InstanceEnhancerTest {

    static final String STORY = "A brown terrier with a red collar runs across a green lawn after a bright red ball. "
            + "The ball bounces twice and rolls to a stop.";

    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiChatClient client() {
        return new OpenAiChatClient(new LlmSettings(server.baseUrl(), "test-model", null, Duration.ofSeconds(10), 256, 0, 64, 0, 4));
    }

    /** Answers each stage; the instance list comes the way models write lists. */
    static Function<String, String> model(String instanceList, Function<String, String> position) {
        return body -> {
            String q = MllmCaptionerTest.lastUserText(body);
            if (q.startsWith("Request:")) {
                return STORY;
            }
            if (q.contains("separate them with the word BREAK") || q.startsWith("Answer only with the names")) {
                return instanceList;
            }
            if (q.contains("looks like")) {
                return "The " + label(q, "describe what the ", " looks") + " is small and brown. It has a red collar.";
            }
            if (q.contains("does and how it moves")) {
                return "Sure! The " + label(q, "describe what the ", " does") + " runs quickly to the right.";
            }
            if (q.startsWith("Where is the") || q.startsWith("That line")) {
                return position.apply(q);
            }
            if (q.contains("setting alone")) {
                return "A mown green lawn in bright afternoon sun.";
            }
            if (q.contains("describe the camera")) {
                return "The camera pans slowly to the right in a medium shot.";
            }
            return "Unexpected question.";
        };
    }

    private static String label(String question, String before, String after) {
        int from = question.indexOf(before) + before.length();
        return question.substring(from, question.indexOf(after, from));
    }

    private static JsonNode messages(FakeOpenAiServer.Request request) throws Exception {
        return Json.mapper().readTree(request.body()).get("messages");
    }

    private static String text(JsonNode message) {
        JsonNode content = message.get("content");
        return content.isTextual() ? content.asText() : content.get(content.size() - 1).get("text").asText();
    }

    @Test
    void asks_the_stages_in_order_with_every_question_as_the_user() throws Exception {
        server.answering(model("dog BREAK ball", q -> q.contains("the dog")
                ? "dog moves from center-left to center-right." : "ball stays at bottom-right."));
        EnhancedPrompt result = new InstanceEnhancer(client(), "test-model", 3).enhance("a dog chases a ball", "0007.mp4");

        List<FakeOpenAiServer.Request> requests = server.requests();
        assertThat(requests).as("story, list, 3 per instance, background, camera").hasSize(4 + 3 * 2);
        JsonNode story = messages(requests.get(0));
        assertThat(story.get(0).get("role").asText()).isEqualTo("system");
        assertThat(story).hasSize(1 + 2 * EnhancerPrompts.EXAMPLES.size() + 1);
        for (int i = 0; i < EnhancerPrompts.EXAMPLES.size(); i++) {
            assertThat(story.get(1 + 2 * i).get("role").asText()).isEqualTo("user");
            assertThat(story.get(2 + 2 * i).get("role").asText()).isEqualTo("assistant");
            assertThat(text(story.get(2 + 2 * i))).isEqualTo(EnhancerPrompts.EXAMPLES.get(i).description());
        }
        assertThat(text(story.get(story.size() - 1))).startsWith("Request: \"A dog chases a ball.\"");

        List<String> questions = new ArrayList<>();
        for (FakeOpenAiServer.Request request : requests) {
            JsonNode m = messages(request);
            assertThat(m.get(0).get("role").asText()).isEqualTo("system");
            assertThat(m.get(m.size() - 1).get("role").asText()).as("the question is the user's").isEqualTo("user");
            for (int k = 1; k < m.size(); k++) {
                assertThat(m.get(k).get("role").asText()).as("turns alternate user, assistant").isEqualTo(k % 2 == 1 ? "user" : "assistant");
            }
            questions.add(text(m.get(m.size() - 1)));
        }
        assertThat(questions.get(1)).contains(STORY).contains("at most 3").contains("BREAK");
        assertThat(questions.subList(2, 8)).containsExactly(EnhancerPrompts.appearance("dog"), EnhancerPrompts.action("dog"),
                EnhancerPrompts.position("dog"), EnhancerPrompts.appearance("ball"), EnhancerPrompts.action("ball"),
                EnhancerPrompts.position("ball"));
        assertThat(questions.subList(8, 10)).containsExactly(EnhancerPrompts.background(), EnhancerPrompts.camera());
        JsonNode last = messages(requests.get(9));
        assertThat(text(last.get(2))).as("the list goes back clean").isEqualTo("dog BREAK ball");
        assertThat(last).as("one growing conversation").hasSize(1 + 2 * 8 + 1);

        StructuredCaption caption = result.caption();
        assertThat(result.story()).isEqualTo(STORY);
        assertThat(caption.video()).isEqualTo("0007.mp4");
        assertThat(caption.globalDescription()).isEqualTo("A dog chases a ball.");
        assertThat(caption.instances()).extracting(StructuredCaption.InstanceCaption::label).containsExactly("dog", "ball");
        StructuredCaption.InstanceCaption dog = caption.instances().get(0);
        assertThat(dog.appearance()).as("one sentence").isEqualTo("The dog is small and brown.");
        assertThat(dog.actions()).as("cleaned, one sentence").isEqualTo("The dog runs quickly to the right.");
        assertThat(dog.position()).isEqualTo("dog moves from center-left to center-right.");
        assertThat(caption.instances().get(1).position()).isEqualTo("ball stays at bottom-right.");
        assertThat(caption.background()).isEqualTo("A mown green lawn in bright afternoon sun.");
        JsonNode json = result.toJson();
        assertThat(json.fieldNames()).toIterable().containsExactly("Video", "Prompt", "Story", "Global Description", "Structured Description");
        assertThat(EnhancedPrompt.fromJson(json)).isEqualTo(result);
    }

    @Test
    void reads_the_instance_list_from_a_messy_answer_and_keeps_at_most_the_limit() {
        server.answering(model("Here are the main instances:\n1. **The terrier** (the main subject) BREAK\n2. a red ball BREAK\n"
                + "3. the green lawn [BREAK] the collar\nThese are all touchable.", q -> "x stays at center-middle."));
        EnhancedPrompt result = new InstanceEnhancer(client(), "m", 2).enhance("a terrier and a ball", "a.mp4");
        assertThat(result.caption().instances()).extracting(StructuredCaption.InstanceCaption::label)
                .containsExactly("terrier", "red ball");
        assertThat(result.caption().instances().get(1).position()).as("the subject is ours").isEqualTo("red ball stays at center-middle.");
    }

    @Test
    void a_position_outside_the_grammar_is_asked_again_once() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        server.answering(model("dog", q -> asked.incrementAndGet() == 1
                ? "The dog is in the lower left corner, moving right."
                : "Position: **The Dog moves from bottom-left to center-middle.**"));
        EnhancedPrompt result = new InstanceEnhancer(client(), "m", 3).enhance("a dog", "a.mp4");
        assertThat(asked.get()).isEqualTo(2);
        assertThat(result.caption().instances().get(0).position()).isEqualTo("dog moves from bottom-left to center-middle.");
        JsonNode retry = server.requests().stream().map(r -> {
            try {
                return messages(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(m -> text(m.get(m.size() - 1)).equals(EnhancerPrompts.positionAgain("dog"))).findFirst().orElseThrow();
        assertThat(text(retry.get(retry.size() - 2))).as("the wrong answer stays, as the assistant's")
                .isEqualTo("The dog is in the lower left corner, moving right.");
        assertThat(retry.get(retry.size() - 2).get("role").asText()).isEqualTo("assistant");
    }

    @Test
    void a_loose_position_answer_twice_is_read_leniently_without_a_fallback() {
        server.answering(model("man BREAK dog", q -> "A man from bottom-left to center."));
        EnhancedPrompt result = new InstanceEnhancer(client(), "m", 3).enhance("A man walks his dog in the park.", "a.mp4");
        assertThat(result.caption().instances().get(0).position()).isEqualTo("man moves from bottom-left to center-middle.");
        assertThat(result.caption().instances().get(1).position()).isEqualTo("dog moves from bottom-left to center-middle.");
        assertThat(result.fallbacks()).isEmpty();
        assertThat(result.toJson().has("provenance")).isFalse();
        assertThat(server.requests().stream().filter(r -> MllmCaptionerTest.lastUserText(r.body()).startsWith("That line"))).isEmpty();
    }

    /** What an offline reader would say of "a dog". */
    static Enhancer offline() {
        return new Enhancer() {
            @Override
            public EnhancedPrompt enhance(String prompt, String video) {
                return new EnhancedPrompt(prompt, "A dog.", new StructuredCaption(video, "A dog.",
                        List.of(new StructuredCaption.InstanceCaption("dog", "The dog is brown.", "The dog sits.",
                                "dog stays at bottom-right.")), "A plain room.", "The camera stays still."));
            }

            @Override
            public String name() {
                return "offline:test";
            }
        };
    }

    @Test
    void a_second_nonsense_position_takes_the_offline_reading_named_in_provenance() {
        server.answering(model("dog", q -> "Banana."));
        EnhancedPrompt result = new InstanceEnhancer(client(), "m", 3, offline()).enhance("a dog", "a.mp4");
        assertThat(result.caption().instances().get(0).position()).isEqualTo("dog stays at bottom-right.");
        assertThat(result.caption().instances().get(0).appearance()).as("the model's answer").isEqualTo("The dog is small and brown.");
        assertThat(result.fallbacks()).containsExactly("Main Instance.No.0.Position");
        JsonNode json = result.toJson();
        assertThat(json.get("provenance").get("fallbacks")).hasSize(1);
        assertThat(json.get("provenance").get("fallbacks").get(0).asText()).isEqualTo("Main Instance.No.0.Position");
        assertThat(EnhancedPrompt.fromJson(json)).isEqualTo(result);
        assertThat(server.requests().stream().filter(r -> MllmCaptionerTest.lastUserText(r.body()).equals(EnhancerPrompts.positionAgain("dog"))))
                .hasSize(1);
    }

    @Test
    void without_a_fallback_unusable_fields_take_neutral_values_and_the_prompt_is_kept() {
        server.answering(body -> {
            String q = MllmCaptionerTest.lastUserText(body);
            return q.startsWith("Request:") ? STORY : q.contains("setting alone") ? "I'm sorry, I cannot help." : model("dog", p -> "Banana.").apply(body);
        });
        EnhancedPrompt result = new InstanceEnhancer(client(), "m", 3).enhance("a dog", "a.mp4");
        assertThat(result.caption().instances().get(0).position()).isEqualTo("dog stays at center-middle.");
        assertThat(result.caption().background()).isEqualTo("The background is plain and evenly lit.");
        assertThat(result.fallbacks()).containsExactly("Main Instance.No.0.Position", "Background Detail");
    }

    @Test
    void no_instances_twice_takes_the_offline_instances() {
        server.answering(model("I cannot tell.", q -> "dog stays at center-middle."));
        EnhancedPrompt result = new InstanceEnhancer(client(), "m", 3, offline()).enhance("a dog", "a.mp4");
        assertThat(result.caption().instances()).extracting(StructuredCaption.InstanceCaption::label).containsExactly("dog");
        assertThat(result.fallbacks()).containsExactly("Main Instance");
    }

    @Test
    void a_server_failure_still_fails_the_prompt() {
        server.otherwise(FakeOpenAiServer.Reply.status(401));
        assertThatThrownBy(() -> new InstanceEnhancer(client(), "m", 3, offline()).enhance("a dog", "a.mp4"))
                .isInstanceOf(RuntimeException.class);
    }

    private static StructuredCaption record() {
        return new StructuredCaption("v.mp4", "A dog chases a ball on a lawn.",
                List.of(new StructuredCaption.InstanceCaption("dog", "The dog is small and brown.", "The dog runs to the right.",
                        "dog moves from center-left to center-right.")),
                "A mown green lawn in bright sun.", "The camera stays still.");
    }

    @Test
    void an_llm_paragraph_over_the_budget_is_sent_back_with_its_count() {
        String tooLong = "The small brown dog runs to the right across the lawn. " + "It keeps running and running. ".repeat(20);
        String fits = "A small brown dog runs from the left to the right of a green lawn.";
        server.then(FakeOpenAiServer.Reply.answer(tooLong), FakeOpenAiServer.Reply.answer(fits));
        Renderer rules = new Renderer(new ApproximateT5TokenCounter());
        RenderedParagraph p = new LlmParagraphWriter(client(), "m", rules).render(record(), 60);
        assertThat(p.text()).isEqualTo(fits);
        assertThat(p.writer()).isEqualTo("llm:m");
        assertThat(p.tokens()).isLessThanOrEqualTo(60);
        assertThat(MllmCaptionerTest.lastUserText(server.requests().get(0).body())).contains("at most 39 words").contains("\"Class\":\"dog\"");
        assertThat(MllmCaptionerTest.lastUserText(server.requests().get(1).body())).contains("must be at most 60");
    }

    @Test
    void an_llm_paragraph_still_over_the_budget_or_missing_a_class_gives_way_to_the_rules() {
        server.then(FakeOpenAiServer.Reply.answer("A small brown animal runs across a lawn."),
                FakeOpenAiServer.Reply.answer("Grass. ".repeat(100)));
        Renderer rules = new Renderer(new ApproximateT5TokenCounter());
        RenderedParagraph p = new LlmParagraphWriter(client(), "m", rules).render(record(), 60);
        assertThat(MllmCaptionerTest.lastUserText(server.requests().get(1).body())).contains("must name dog");
        assertThat(p.writer()).isEqualTo("rules");
        assertThat(p.tokens()).isLessThanOrEqualTo(60);
        assertThat(p.text()).contains("The dog moves from the left side to the right side of the frame.");
    }
}
