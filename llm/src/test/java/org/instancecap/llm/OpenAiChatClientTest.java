package org.instancecap.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.ChatMessage;
import org.instancecap.core.llm.LlmException;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.RetryingChatClient;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server on loopback that speaks the OpenAI protocol. */
class OpenAiChatClientTest {

    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmSettings settings(String keyEnv, Duration timeout) {
        return new LlmSettings(server.baseUrl(), "test-model", keyEnv, timeout, 300, 0, 64, 3, 2);
    }

    private OpenAiChatClient client(String keyEnv, Map<String, String> env) {
        return new OpenAiChatClient(settings(keyEnv, Duration.ofSeconds(10)), env::get);
    }

    private static RgbImage picture(int w, int h) {
        byte[] p = new byte[w * h * 3];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 7);
        }
        return new RgbImage(w, h, p);
    }

    private JsonNode lastRequest() throws Exception {
        List<FakeOpenAiServer.Request> requests = server.requests();
        return Json.mapper().readTree(requests.get(requests.size() - 1).body());
    }

    @Test
    void sends_the_system_prompt_then_the_images_then_the_question_at_temperature_zero() throws Exception {
        OpenAiChatClient client = client(null, Map.of());
        String answer = client.chat(List.of(
                ChatMessage.system("You describe video frames."),
                ChatMessage.user("What is in these frames?", List.of(picture(320, 180), picture(320, 180)))));
        assertThat(answer).isEqualTo("A red car.");
        JsonNode request = lastRequest();
        assertThat(request.get("model").asText()).isEqualTo("test-model");
        assertThat(request.get("temperature").asDouble()).isZero();
        assertThat(request.get("max_tokens").asInt()).isEqualTo(300);
        JsonNode messages = request.get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
        assertThat(messages.get(0).get("content").asText()).isEqualTo("You describe video frames.");
        JsonNode content = messages.get(1).get("content");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
        assertThat(content).hasSize(3);
        assertThat(content.get(0).get("type").asText()).isEqualTo("image_url");
        assertThat(content.get(1).get("type").asText()).isEqualTo("image_url");
        assertThat(content.get(2).get("type").asText()).isEqualTo("text");
        assertThat(content.get(2).get("text").asText()).isEqualTo("What is in these frames?");
        String url = content.get(0).get("image_url").get("url").asText();
        assertThat(url).startsWith("data:image/jpeg;base64,");
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
        assertThat(sent.getWidth()).as("scaled to the long side limit").isEqualTo(64);
        assertThat(sent.getHeight()).isEqualTo(36);
    }

    @Test
    void earlier_turns_are_sent_with_their_roles() throws Exception {
        client(null, Map.of()).chat(List.of(
                ChatMessage.system("sys"), ChatMessage.user("first question"), ChatMessage.assistant("first answer"),
                ChatMessage.user("second question")));
        JsonNode messages = lastRequest().get("messages");
        assertThat(messages).extracting(m -> m.get("role").asText()).containsExactly("system", "user", "assistant", "user");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("first answer");
    }

    @Test
    void the_key_comes_from_the_named_environment_variable() {
        client("MY_LLM_KEY", Map.of("MY_LLM_KEY", "sk-test-123")).chat(List.of(ChatMessage.user("hi")));
        assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer sk-test-123");
    }

    @Test
    void a_named_variable_that_is_not_set_is_a_clear_error() {
        assertThatThrownBy(() -> client("MISSING_KEY", Map.of()))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("MISSING_KEY")
                .satisfies(e -> assertThat(((LlmException) e).retriable()).isFalse());
    }

    @Test
    void rate_limits_and_server_errors_are_retried_until_an_answer_comes() {
        server.then(FakeOpenAiServer.Reply.status(429), FakeOpenAiServer.Reply.status(500), FakeOpenAiServer.Reply.status(503));
        RetryingChatClient retrying = new RetryingChatClient(client(null, Map.of()), 2, 3);
        String answer = retrying.chat(List.of(ChatMessage.user("describe")));
        assertThat(answer).isEqualTo("A red car.");
        assertThat(server.requests()).hasSize(4);
    }

    @Test
    void a_bad_request_is_not_retried() {
        server.then(FakeOpenAiServer.Reply.status(400));
        RetryingChatClient retrying = new RetryingChatClient(client(null, Map.of()), 2, 3);
        assertThatThrownBy(() -> retrying.chat(List.of(ChatMessage.user("describe"))))
                .isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).retriable()).isFalse());
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void authentication_failures_are_not_retried() {
        server.then(FakeOpenAiServer.Reply.status(401));
        assertThatThrownBy(() -> new RetryingChatClient(client(null, Map.of()), 2, 3).chat(List.of(ChatMessage.user("x"))))
                .isInstanceOf(LlmException.class);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void dropped_connections_and_timeouts_are_retried() {
        server.then(FakeOpenAiServer.Reply.dropped(), FakeOpenAiServer.Reply.slow("late", 3000));
        OpenAiChatClient impatient = new OpenAiChatClient(settings(null, Duration.ofMillis(800)), Map.<String, String>of()::get);
        assertThatThrownBy(() -> impatient.chat(List.of(ChatMessage.user("x"))))
                .isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).retriable()).as("dropped connection").isTrue());
        assertThatThrownBy(() -> impatient.chat(List.of(ChatMessage.user("x"))))
                .isInstanceOf(LlmException.class)
                .satisfies(e -> assertThat(((LlmException) e).retriable()).as("timeout").isTrue());
        assertThat(new RetryingChatClient(impatient, 2, 3).chat(List.of(ChatMessage.user("x")))).isEqualTo("A red car.");
    }

    @Test
    void an_empty_answer_is_a_retriable_failure() {
        server.then(FakeOpenAiServer.Reply.answer(" "));
        assertThatThrownBy(() -> client(null, Map.of()).chat(List.of(ChatMessage.user("x"))))
                .isInstanceOf(LlmException.class)
                .hasMessageContaining("empty answer")
                .satisfies(e -> assertThat(((LlmException) e).retriable()).isTrue());
    }

    @Test
    void no_more_requests_are_open_at_once_than_allowed() throws Exception {
        server.otherwise(FakeOpenAiServer.Reply.slow("ok", 200));
        RetryingChatClient shared = new RetryingChatClient(client(null, Map.of()), 2, 0);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> shared.chat(List.of(ChatMessage.user("x")))));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo("ok");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests()).hasSize(6);
        assertThat(server.mostOpenAtOnce()).isEqualTo(2);
    }

    @Test
    void a_model_that_refuses_max_tokens_is_asked_again_with_max_completion_tokens_and_that_form_is_kept() throws Exception {
        server.refusing(body -> body.contains("\"max_tokens\""), FakeOpenAiServer.Reply.refusal("max_tokens",
                "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead."));
        OpenAiChatClient client = client(null, Map.of());
        assertThat(client.chat(List.of(ChatMessage.user("describe")))).isEqualTo("A red car.");
        assertThat(client.form()).isEqualTo(OpenAiChatClient.RequestForm.COMPLETION_TOKENS);
        assertThat(lastRequest().path("max_completion_tokens").asInt()).isEqualTo(300);
        assertThat(lastRequest().has("max_tokens")).isFalse();
        assertThat(lastRequest().path("temperature").asDouble(-1)).isEqualTo(0.0);
        assertThat(client.chat(List.of(ChatMessage.user("again")))).isEqualTo("A red car.");
        assertThat(server.requests()).as("one refusal, then two answers").hasSize(3);
    }

    @Test
    void a_model_that_refuses_a_temperature_gets_its_default() throws Exception {
        server.refusing(body -> body.contains("\"max_tokens\"") || body.contains("\"temperature\""),
                FakeOpenAiServer.Reply.refusal("temperature",
                        "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported."));
        OpenAiChatClient client = client(null, Map.of());
        assertThat(client.chat(List.of(ChatMessage.user("describe")))).isEqualTo("A red car.");
        assertThat(client.form()).isEqualTo(OpenAiChatClient.RequestForm.COMPLETION_TOKENS_DEFAULT_TEMPERATURE);
        assertThat(lastRequest().has("temperature")).isFalse();
        assertThat(lastRequest().path("max_completion_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void any_other_bad_request_fails_with_the_servers_message() {
        server.refusing(body -> true, FakeOpenAiServer.Reply.refusal("messages", "Too many images in one request."));
        OpenAiChatClient client = client(null, Map.of());
        assertThatThrownBy(() -> client.chat(List.of(ChatMessage.user("x"))))
                .isInstanceOf(LlmException.class)
                .hasMessage("HTTP 400: Too many images in one request. (" + server.baseUrl() + ", model test-model)");
        assertThat(server.requests()).hasSize(1);
        assertThat(client.form()).isEqualTo(OpenAiChatClient.RequestForm.CLASSIC);
    }

    @Test
    void the_servers_token_counts_come_with_the_answer_and_their_absence_is_told() {
        server.then(FakeOpenAiServer.Reply.answer("one"), FakeOpenAiServer.Reply.withoutUsage("two"));
        OpenAiChatClient client = client(null, Map.of());
        assertThat(client.reply(List.of(ChatMessage.user("x"))).usage()).isEqualTo(new org.instancecap.core.llm.TokenUsage(10, 3));
        org.instancecap.core.llm.ChatReply bare = client.reply(List.of(ChatMessage.user("x")));
        assertThat(bare.text()).isEqualTo("two");
        assertThat(bare.usage()).isNull();
    }

    @Test
    void each_picture_is_encoded_once_however_many_requests_show_it() throws Exception {
        OpenAiChatClient client = client(null, Map.of());
        RgbImage a = picture(40, 30);
        RgbImage b = picture(40, 30);
        for (int i = 0; i < 5; i++) {
            client.chat(List.of(ChatMessage.user("q" + i, List.of(a, b))));
        }
        assertThat(client.encodedPictures()).isEqualTo(2);
        List<String> urls = new ArrayList<>();
        for (FakeOpenAiServer.Request request : server.requests()) {
            for (JsonNode part : Json.mapper().readTree(request.body()).path("messages").get(0).path("content")) {
                if (part.has("image_url")) {
                    urls.add(part.path("image_url").path("url").asText());
                }
            }
        }
        assertThat(urls).hasSize(10);
        assertThat(urls.stream().distinct()).hasSize(1); // the two pictures have the same pixels
    }

    @Test
    void transport_failures_are_told_in_words_and_credentials_never_shown() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://user:secret@127.0.0.1:" + port + "/v1";
        OpenAiChatClient refused = new OpenAiChatClient(new LlmSettings(url, "m", null, Duration.ofSeconds(5), 10, 0, 64, 0, 1),
                Map.<String, String>of()::get);
        assertThatThrownBy(() -> refused.chat(List.of(ChatMessage.user("x"))))
                .isInstanceOf(LlmException.class)
                .hasMessage("connection refused (http://127.0.0.1:" + port + "/v1, model m)");

        server.then(FakeOpenAiServer.Reply.slow("late", 3000));
        OpenAiChatClient impatient = new OpenAiChatClient(settings(null, Duration.ofMillis(800)), Map.<String, String>of()::get);
        assertThatThrownBy(() -> impatient.chat(List.of(ChatMessage.user("x"))))
                .hasMessage("timed out after 0.8 s (" + server.baseUrl() + ", model test-model)");
    }
}
