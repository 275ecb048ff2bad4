package org.instancecap.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.instancecap.core.amc.AmcResult;
import org.instancecap.core.amc.AmcSettings;
import org.instancecap.core.amc.Instance;
import org.instancecap.core.amc.VideoAnalysis;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.caption.Captioner;
import org.instancecap.core.caption.ClassHints;
import org.instancecap.core.caption.MllmCaptioner;
import org.instancecap.core.caption.OfflineCaptioner;
import org.instancecap.core.caption.StructuredCaption;
import org.instancecap.core.detect.Box;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.RetryingChatClient;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.core.video.SampledFrame;
import org.instancecap.core.video.SampledFrames;
import org.instancecap.core.video.VideoInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The captioning method against a real HTTP server that answers each question as a model might. */
public class MllmCaptionerTest {

    public static final String GLOBAL = "A woman walks a brown dog along a paved path.";

    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer().answering(MllmCaptionerTest::answer);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** What a model would say to each question of the method, lists and pleasantries included. */
    public static String answer(String body) {
        String question = lastUserText(body);
        if (question.contains("single sentence")) {
            return GLOBAL;
        }
        if (question.contains("blurred on purpose into smears")) {
            return "The background is smeared green and grey. The person is visible and wears a white blouse.";
        }
        if (question.contains("appearance of the")) {
            return "A woman with long brown hair wears a white blouse, blue jeans and white sneakers.";
        }
        if (question.contains("For context")) {
            return "It is the woman holding the leash.";
        }
        if (question.contains("Describe what the")) {
            return "- She walks forward at a steady pace\n- She bends down towards the dog";
        }
        if (question.contains("draw attention")) {
            return "A woman and a dog. The setting is a paved walkway between planted beds.";
        }
        if (question.contains("setting alone")) {
            return "Sure! Here is the setting: A concrete walkway runs between beds of ferns in daylight.";
        }
        if (question.contains("camera")) {
            return "The camera stays still in a medium long shot.";
        }
        return "Unexpected question.";
    }

    public static String lastUserText(String body) {
        try {
            JsonNode messages = Json.mapper().readTree(body).get("messages");
            JsonNode last = messages.get(messages.size() - 1);
            JsonNode content = last.get("content");
            if (content.isTextual()) {
                return content.asText();
            }
            return content.get(content.size() - 1).get("text").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Two 64×48 frames, one person visible in both, a static camera. */
    static VideoAnalysis analysis(String cameraLabel) {
        VideoInfo info = new VideoInfo("clips/walk.mp4", 2.0, 10, 20, 64, 48, 0, "h264", false);
        List<SampledFrame> frames = new ArrayList<>();
        for (int k : new int[] {0, 19}) {
            byte[] p = new byte[64 * 48 * 3];
            Arrays.fill(p, (byte) (40 + k));
            frames.add(new SampledFrame(k, k / 10.0, new RgbImage(64, 48, p)));
        }
        Box box = new Box(10, 10, 30, 40);
        Instance person = new Instance(0, "person", 0.8, List.of(box, box), List.of("center-left", "center-left"),
                "person stays at center-left.");
        AmcResult result = new AmcResult(info.path(), info, List.of(new AmcResult.FrameRef(0, 0), new AmcResult.FrameRef(19, 1.9)),
                new CameraMotion(cameraLabel, 0, 1, 0, 0, ""), List.of(person), AmcSettings.DEFAULT);
        Mask mask = Mask.ofBox(64, 48, box);
        return new VideoAnalysis(result, new SampledFrames(info, frames), List.of(List.of(mask, mask)));
    }

    private MllmCaptioner captioner() {
        LlmSettings settings = new LlmSettings(server.baseUrl(), "test-model", null, Duration.ofSeconds(10), 300, 0, 64, 3, 4);
        return new MllmCaptioner(new RetryingChatClient(new OpenAiChatClient(settings, Map.<String, String>of()::get), 4, 3),
                "test-model");
    }

    @Test
    void with_hints_the_appearance_and_actions_questions_say_what_was_measured_and_without_them_nothing() {
        VideoAnalysis plain = analysis(CameraMotion.STATIC);
        org.instancecap.core.pose.ClothingColours clothes = new org.instancecap.core.pose.ClothingColours(Map.of(
                org.instancecap.core.pose.ClothingColours.Part.UPPER_BODY,
                List.of(new org.instancecap.core.caption.ColourNames.Share("white", 0.9))));
        org.instancecap.core.pose.Actions walking = new org.instancecap.core.pose.Actions(List.of("walking to the left"), Map.of());
        VideoAnalysis measured = plain.withPeople(new VideoAnalysis.People(List.of("pose", "clothing", "actions"),
                List.of(new org.instancecap.core.pose.PersonFacts(0, List.of(), clothes, walking,
                        org.instancecap.core.pose.FaceAttributes.NONE))));
        LlmSettings settings = new LlmSettings(server.baseUrl(), "test-model", null, Duration.ofSeconds(10), 300, 0, 64, 3, 4);
        MllmCaptioner hinted = new MllmCaptioner(new RetryingChatClient(new OpenAiChatClient(settings, Map.<String, String>of()::get), 4,
                3), "test-model", new OfflineCaptioner(), true);
        hinted.captionWithFallbacks(measured);
        List<String> asked = server.requests().stream().map(r -> lastUserText(r.body())).toList();
        assertThat(asked).filteredOn(q -> q.contains("blurred on purpose into smears")).singleElement().satisfies(q ->
                assertThat(q).contains("Measurements suggest").contains("The person wears white on the upper body."));
        assertThat(asked).filteredOn(q -> q.contains("For context")).singleElement().satisfies(q ->
                assertThat(q).contains("Measurements suggest").contains("the camera stays still")
                        .contains("the person is walking to the left"));
        assertThat(hinted.analyses()).containsExactly("hints");

        int before = server.requests().size();
        captioner().captionWithFallbacks(measured);
        assertThat(server.requests().subList(before, server.requests().size()))
                .noneMatch(r -> lastUserText(r.body()).contains("Measurements suggest ("));
    }

    private List<JsonNode> requests() {
        return server.requests().stream().map(r -> {
            try {
                return Json.mapper().readTree(r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static long images(JsonNode request) {
        long n = 0;
        for (JsonNode m : request.get("messages")) {
            if (m.get("content").isArray()) {
                for (JsonNode c : m.get("content")) {
                    n += c.get("type").asText().equals("image_url") ? 1 : 0;
                }
            }
        }
        return n;
    }

    @Test
    void writes_the_structured_record_from_the_chains() {
        StructuredCaption caption = captioner().caption(analysis(CameraMotion.STATIC));
        assertThat(caption.video()).isEqualTo("clips/walk.mp4");
        assertThat(caption.globalDescription()).isEqualTo(GLOBAL);
        assertThat(caption.instances()).singleElement().satisfies(i -> {
            assertThat(i.label()).isEqualTo("person");
            assertThat(i.appearance()).isEqualTo("A woman with long brown hair wears a white blouse, blue jeans and white sneakers.");
            assertThat(i.actions()).isEqualTo("She walks forward at a steady pace. She bends down towards the dog.");
            assertThat(i.position()).isEqualTo("person stays at center-left.");
        });
        assertThat(caption.background()).isEqualTo("A concrete walkway runs between beds of ferns in daylight.");
        assertThat(caption.camera()).isEqualTo("The camera stays still in a medium long shot.");
        JsonNode record = caption.toJson();
        assertThat(record.get("Structured Description").get("Main Instance").get("No.0").get("Class").asText()).isEqualTo("person");
        assertThat(StructuredCaption.fromJson(record)).isEqualTo(caption);
    }

    @Test
    void asks_four_plus_four_per_instance_questions_in_the_papers_order() {
        captioner().caption(analysis(CameraMotion.STATIC));
        List<JsonNode> requests = requests();
        assertThat(requests).hasSize(4 + 4);
        for (JsonNode request : requests) {
            JsonNode messages = request.get("messages");
            assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
            assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
            JsonNode first = messages.get(1).get("content");
            assertThat(first.get(first.size() - 1).get("type").asText()).as("images before the question").isEqualTo("text");
            assertThat(first.get(first.size() - 1).get("text").asText()).contains("The video lasts 2.0 seconds");
            assertThat(images(request)).isEqualTo(2);
        }
        JsonNode actionsFirst = requests.stream().filter(r -> lastUserText(r.toString()).contains("For context")).findFirst().orElseThrow();
        assertThat(lastUserText(actionsFirst.toString())).as("the global description inside the actions chain").contains(GLOBAL);
        JsonNode appearanceFirst = requests.stream()
                .filter(r -> lastUserText(r.toString()).contains("blurred on purpose into smears")).findFirst().orElseThrow();
        assertThat(lastUserText(appearanceFirst.toString())).contains(ClassHints.forClass("person"));
        JsonNode actionsSecond = requests.stream().filter(r -> lastUserText(r.toString()).contains("Describe what the")).findFirst().orElseThrow();
        assertThat(actionsSecond.get("messages")).extracting(m -> m.get("role").asText())
                .containsExactly("system", "user", "assistant", "user");
        assertThat(actionsSecond.get("messages").get(2).get("content").asText()).isEqualTo("It is the woman holding the leash.");
    }

    @Test
    void the_camera_question_is_led_by_the_measured_label() {
        captioner().caption(analysis("pan_left"));
        String camera = requests().stream().map(r -> lastUserText(r.toString())).filter(t -> t.contains("camera movement"))
                .findFirst().orElseThrow();
        assertThat(camera).contains("is pan_left");
    }

    @Test
    void an_unusable_answer_is_asked_again_once() {
        server.then(FakeOpenAiServer.Reply.answer("I'm sorry, I cannot see the images."));
        StructuredCaption caption = captioner().caption(analysis(CameraMotion.STATIC));
        assertThat(caption.instances()).hasSize(1);
        assertThat(server.requests()).hasSize(9);
    }

    @Test
    void twice_unusable_takes_the_offline_captioners_text_for_that_field_and_names_it() {
        server.answering(body -> lastUserText(body).contains("setting alone") ? "Sorry." : answer(body));
        VideoAnalysis analysis = analysis(CameraMotion.STATIC);
        Captioner.Captioned captioned = captioner().captionWithFallbacks(analysis);
        StructuredCaption offline = new OfflineCaptioner().caption(analysis);
        assertThat(captioned.caption().background()).isEqualTo(offline.background());
        assertThat(captioned.caption().globalDescription()).as("the model's").isEqualTo(GLOBAL);
        assertThat(captioned.caption().camera()).isEqualTo("The camera stays still in a medium long shot.");
        assertThat(captioned.fallbacks()).containsExactly("Background Detail");
        // every answer counts, the unusable ones too: 8 questions, the background's first asked twice
        int answers = server.requests().size();
        assertThat(captioned.tokens()).isEqualTo(new org.instancecap.core.llm.TokenUsage(10L * answers, 3L * answers));
        assertThat(captioned.caption().toJson().has("provenance")).as("the record stays InstanceVid's").isFalse();
    }

    @Test
    void an_empty_answer_twice_for_an_instance_field_falls_back_too() {
        server.answering(body -> lastUserText(body).contains("blurred on purpose into smears") ? "" : answer(body));
        VideoAnalysis analysis = analysis(CameraMotion.STATIC);
        Captioner.Captioned captioned = captioner().captionWithFallbacks(analysis);
        assertThat(captioned.caption().instances().get(0).appearance())
                .isEqualTo(new OfflineCaptioner().caption(analysis).instances().get(0).appearance());
        assertThat(captioned.fallbacks()).containsExactly("Main Instance.No.0.Appearance");
        assertThat(server.requests().stream().filter(r -> lastUserText(r.body()).contains("appearance of the"))).as("the chain stops")
                .isEmpty();
    }

    @Test
    void a_server_failure_still_fails_the_video() {
        server.otherwise(FakeOpenAiServer.Reply.status(400)).answering(null);
        assertThatThrownBy(() -> captioner().caption(analysis(CameraMotion.STATIC))).isInstanceOf(RuntimeException.class);
    }
}
