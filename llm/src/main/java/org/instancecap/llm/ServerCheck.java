package org.instancecap.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.instancecap.core.json.Json;
import org.instancecap.core.llm.ConnectionFailures;
import org.instancecap.core.llm.LlmException;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.Urls;

/**
 * Asks a server, before any work starts, whether it is there and serves the model: {@code GET /models}.
 * A server that cannot be reached, refuses the key, or does not serve the model fails the check
 * with one sentence; a server that does not list its models (some proxies) passes with a warning.
 */
public final class ServerCheck {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private ServerCheck() {
    }

    /**
     * @return a warning to show when the server could not tell which models it serves; empty when the model is served
     * @throws LlmException when the server cannot be reached, refuses the key, or does not serve the model
     */
    public static Optional<String> check(LlmSettings settings) {
        return check(settings, System::getenv);
    }

    static Optional<String> check(LlmSettings settings, Function<String, String> environment) {
        String shown = Urls.withoutCredentials(settings.baseUrl());
        String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
        Duration timeout = settings.timeout().compareTo(ANSWER_TIMEOUT) < 0 ? settings.timeout() : ANSWER_TIMEOUT;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "models"))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        String key = OpenAiChatClient.apiKey(settings, environment);
        if (!OpenAiChatClient.NO_KEY.equals(key)) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response;
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LlmException("cannot reach " + shown + ": " + why(e, timeout), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while asking " + shown + " for its models", false, e);
        } catch (IllegalArgumentException e) {
            throw new LlmException("not a usable server URL: " + shown, false, e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new LlmException("the server at " + shown + " refused the API key (HTTP " + status + ")"
                    + (settings.apiKeyEnv() == null ? "; give one with --llm-api-key-env" : ""), false, null);
        }
        if (status != 200) {
            return Optional.of("the server at " + shown + " does not list its models (HTTP " + status + "); model \""
                    + settings.model() + "\" not checked");
        }
        List<String> served = modelIds(response.body());
        if (served == null) {
            return Optional.of("the server at " + shown + " does not list its models; model \"" + settings.model() + "\" not checked");
        }
        if (!serves(served, settings.model())) {
            throw new LlmException("model \"" + settings.model() + "\" is not served at " + shown + "; it serves: "
                    + (served.isEmpty() ? "no model" : String.join(", ", served)), false, null);
        }
        return Optional.empty();
    }

    /** Ollama lists {@code qwen2.5vl:latest} and answers to {@code qwen2.5vl}. */
    static boolean serves(List<String> served, String model) {
        return served.contains(model) || (!model.contains(":") && served.contains(model + ":latest"));
    }

    /** The ids of an OpenAI {@code /models} answer ({@code {"data":[{"id":...}]}}), or null when it is not one. */
    static List<String> modelIds(String body) {
        try {
            JsonNode data = Json.mapper().readTree(body).path("data");
            if (!data.isArray()) {
                return null;
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode model : data) {
                if (model.hasNonNull("id")) {
                    ids.add(model.get("id").asText());
                }
            }
            return ids;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String why(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no answer to the connection within " + ConnectionFailures.seconds(CONNECT_TIMEOUT);
        }
        String words = ConnectionFailures.inWords(e, timeout);
        return words != null ? words : "connection failed";
    }
}
