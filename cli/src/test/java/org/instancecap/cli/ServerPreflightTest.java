package org.instancecap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.instancecap.core.json.Json;
import org.instancecap.llm.FakeOpenAiServer;
import org.instancecap.llm.MllmCaptionerTest;
import org.instancecap.vision.video.SharedMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server is asked before any video is analysed; a wrong URL or model costs one line and nothing else. */
class ServerPreflightTest {

    @TempDir
    Path tmp;

    private Path anyFile() throws Exception {
        // never decoded: the check comes first
        return Files.writeString(tmp.resolve("clip.mp4"), "not looked at");
    }

    private void assertNothingWritten(Path out) {
        assertThat(out).doesNotExist();
        assertThat(out.resolveSibling(out.getFileName() + ".errors.jsonl")).doesNotExist();
        assertThat(out.resolveSibling(out.getFileName() + ".summary.json")).doesNotExist();
    }

    @Test
    void a_model_the_server_does_not_serve_fails_at_once_naming_the_served_models() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer().serving("fake-vl")) {
            Path out = tmp.resolve("c.jsonl");
            Cli cli = Cli.run("caption", anyFile().toString(), "-o", out.toString(), "--llm-url", server.baseUrl(), "--llm-model", "nope");
            assertThat(cli.exitCode()).isEqualTo(Main.EXIT_FAILED);
            assertThat(cli.err().strip()).isEqualTo("error: model \"nope\" is not served at " + server.baseUrl() + "; it serves: fake-vl");
            assertThat(server.chatRequests()).isEmpty();
            assertNothingWritten(out);
        }
    }

    @Test
    void an_unreachable_server_fails_in_one_line_well_under_15_seconds_and_hides_credentials() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Path out = tmp.resolve("c.jsonl");
        long start = System.nanoTime();
        Cli cli = Cli.run("caption", anyFile().toString(), "-o", out.toString(),
                "--llm-url", "http://user:secret@127.0.0.1:" + port + "/v1", "--llm-model", "m");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(15);
        assertThat(cli.exitCode()).isEqualTo(Main.EXIT_FAILED);
        assertThat(cli.err().strip()).isEqualTo("error: cannot reach http://127.0.0.1:" + port + "/v1: connection refused");
        assertNothingWritten(out);
    }

    @Test
    void enhance_and_render_are_checked_too() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer().serving("fake-vl")) {
            Cli enhance = Cli.run("enhance", "a dog runs", "--llm-url", server.baseUrl(), "--llm-model", "nope");
            assertThat(enhance.exitCode()).isEqualTo(Main.EXIT_FAILED);
            assertThat(enhance.err()).contains("error: model \"nope\" is not served at");
            Path captions = Files.writeString(tmp.resolve("r.jsonl"), "");
            Cli render = Cli.run("render", captions.toString(), "--llm-url", server.baseUrl(), "--llm-model", "nope");
            assertThat(render.exitCode()).isEqualTo(Main.EXIT_FAILED);
            assertThat(render.err()).contains("it serves: fake-vl");
            assertThat(server.chatRequests()).isEmpty();
        }
    }

    @Test
    void a_server_without_a_model_list_is_warned_about_and_skip_check_asks_nothing() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer().listingNoModels()) {
            Cli warned = Cli.run("enhance", "a dog runs", "--llm-url", server.baseUrl(), "--llm-model", "test-model");
            assertThat(warned.err()).contains("warning: the server at " + server.baseUrl() + " does not list its models");
            int asked = server.requests().size() - server.chatRequests().size();
            Cli skipped = Cli.run("enhance", "a dog runs", "--llm-url", server.baseUrl(), "--llm-model", "test-model", "--llm-skip-check");
            assertThat(skipped.err()).doesNotContain("warning: the server");
            assertThat(server.requests().size() - server.chatRequests().size()).isEqualTo(asked);
        }
    }

    @Test
    void token_counts_are_summed_in_the_summary() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer().answering(MllmCaptionerTest::answer)) {
            Path video = SharedMedia.file("videos/moviepy_chaplin.mp4");
            Path out = tmp.resolve("t.jsonl");
            Cli cli = Cli.run("caption", video.toString(), "-o", out.toString(), "--llm-url", server.baseUrl(), "--llm-model", "test-model");
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            JsonNode tokens = Json.mapper().readTree(out.resolveSibling("t.jsonl.summary.json").toFile()).get("tokens");
            int requests = server.chatRequests().size();
            // the fake server counts 10 prompt and 3 completion tokens per answer
            assertThat(tokens.get("requests").asLong()).isEqualTo(requests);
            assertThat(tokens.get("prompt").asLong()).isEqualTo(10L * requests);
            assertThat(tokens.get("completion").asLong()).isEqualTo(3L * requests);
            assertThat(tokens.get("requestsWithoutUsage").asLong()).isZero();
            JsonNode record = Json.mapper().readTree(Files.readAllLines(out).get(0));
            assertThat(record.at("/provenance/tokens/prompt").asLong()).isEqualTo(10L * requests);
            assertThat(record.at("/provenance/tokens/completion").asLong()).isEqualTo(3L * requests);
            assertThat(tokens.get("completionPerSecond").asDouble()).isPositive();
            assertThat(cli.err()).contains(String.format("tokens: %,d prompt, %,d completion, ", 10L * requests, 3L * requests));
        }
    }

    @Test
    void a_server_that_counts_no_tokens_is_said_once() throws Exception {
        try (FakeOpenAiServer server = new FakeOpenAiServer().otherwise(FakeOpenAiServer.Reply.withoutUsage("A dog."))) {
            Cli cli = Cli.run("enhance", "a dog runs", "--llm-url", server.baseUrl(), "--llm-model", "test-model");
            assertThat(cli.err()).containsOnlyOnce("the server returned no token counts");
        }
    }
}
