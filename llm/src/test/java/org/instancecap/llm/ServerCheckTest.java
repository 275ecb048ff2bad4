package org.instancecap.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.instancecap.core.llm.LlmException;
import org.instancecap.core.llm.LlmSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The check before any work starts, against a real loopback server. */
class ServerCheckTest {

    private FakeOpenAiServer server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static LlmSettings settings(String url, String model, String keyEnv) {
        return new LlmSettings(url, model, keyEnv, Duration.ofSeconds(30), 64, 0, 64, 0, 1);
    }

    @Test
    void a_served_model_passes_without_a_warning_and_the_key_is_sent() {
        server.serving("fake-vl", "other");
        assertThat(ServerCheck.check(settings(server.baseUrl(), "fake-vl", "KEY"), Map.of("KEY", "sk-test")::get)).isEmpty();
        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo("GET /v1/models");
            assertThat(r.authorization()).isEqualTo("Bearer sk-test");
        });
    }

    @Test
    void a_model_not_served_fails_naming_the_url_and_the_served_models() {
        server.serving("fake-vl", "fake-text");
        assertThatThrownBy(() -> ServerCheck.check(settings(server.baseUrl(), "nope", null)))
                .isInstanceOf(LlmException.class)
                .hasMessage("model \"nope\" is not served at " + server.baseUrl() + "; it serves: fake-vl, fake-text");
    }

    @Test
    void ollama_names_without_a_tag_mean_latest() {
        server.serving("qwen2.5vl:latest");
        assertThat(ServerCheck.check(settings(server.baseUrl(), "qwen2.5vl", null))).isEmpty();
        assertThatThrownBy(() -> ServerCheck.check(settings(server.baseUrl(), "qwen2.5vl:7b", null))).isInstanceOf(LlmException.class);
    }

    @Test
    void a_server_that_lists_no_models_gets_a_warning_not_an_error() {
        server.listingNoModels();
        assertThat(ServerCheck.check(settings(server.baseUrl(), "anything", null)))
                .hasValueSatisfying(w -> assertThat(w).contains("does not list its models").contains("\"anything\" not checked"));
    }

    @Test
    void an_unreachable_server_fails_at_once_in_words() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v1";
        long start = System.nanoTime();
        assertThatThrownBy(() -> ServerCheck.check(settings(url, "m", null)))
                .isInstanceOf(LlmException.class)
                .hasMessage("cannot reach " + url + ": connection refused");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
    }

    @Test
    void credentials_in_the_url_are_never_shown() {
        String url = server.baseUrl().replace("http://", "http://user:secret@");
        assertThatThrownBy(() -> ServerCheck.check(settings(url, "nope", null)))
                .hasMessageNotContaining("secret").hasMessageNotContaining("user@")
                .hasMessageContaining(server.baseUrl());
    }

    @Test
    void a_refused_key_is_one_sentence_naming_the_option() {
        server.answeringModelsWith(401);
        assertThatThrownBy(() -> ServerCheck.check(settings(server.baseUrl(), "m", null)))
                .hasMessage("the server at " + server.baseUrl() + " refused the API key (HTTP 401); give one with --llm-api-key-env");
    }
}
