package org.instancecap.core.spec;

import java.time.Duration;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.Urls;

/**
 * The chat server of a run, as a spec holds it: {@link LlmSettings} with the timeout in seconds.
 * The API key is named by its environment variable only, so a spec never holds a secret.
 *
 * @param url            the API root, such as {@code http://localhost:8000/v1}
 * @param model          the model name the server knows
 * @param apiKeyEnv      the environment variable holding the API key, or null for servers without one
 * @param timeoutSeconds per request
 * @param maxTokens      answer length limit
 * @param temperature    sampling temperature in [0, 2]
 * @param imageSide      images are sent at most this many pixels on their long side
 * @param retries        attempts after the first for retriable failures
 * @param maxInFlight    requests open at once, shared by every video of a run
 */
public record LlmSpec(String url, String model, String apiKeyEnv, int timeoutSeconds, int maxTokens, double temperature,
                      int imageSide, int retries, int maxInFlight) {

    public LlmSpec {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("url must be an http(s) URL, got "
                    + (url == null ? null : "\"" + Urls.withoutCredentials(url) + "\""));
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank, got " + (model == null ? null : "\"" + model + "\""));
        }
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("timeoutSeconds must be >= 1, got " + timeoutSeconds);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
        }
        if (imageSide < 16) {
            throw new IllegalArgumentException("imageSide must be >= 16, got " + imageSide);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        }
    }

    /** The spec of {@code settings}, whose timeout is rounded down to whole seconds. */
    public static LlmSpec of(LlmSettings settings) {
        return new LlmSpec(settings.baseUrl(), settings.model(), settings.apiKeyEnv(), (int) settings.timeout().toSeconds(),
                settings.maxTokens(), settings.temperature(), settings.maxImageSide(), settings.maxRetries(), settings.maxInFlight());
    }

    /** What the chat client takes. */
    public LlmSettings settings() {
        return new LlmSettings(url, model, apiKeyEnv, Duration.ofSeconds(timeoutSeconds), maxTokens, temperature, imageSide,
                retries, maxInFlight);
    }
}
