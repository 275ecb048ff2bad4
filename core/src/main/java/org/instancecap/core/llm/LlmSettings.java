package org.instancecap.core.llm;

import java.time.Duration;

/**
 * How to reach an OpenAI-compatible chat server (vLLM, SGLang, Ollama, LM Studio, llama.cpp, OpenAI...).
 *
 * @param baseUrl      the API root, such as {@code http://localhost:8000/v1}
 * @param model        the model name the server knows
 * @param apiKeyEnv    the environment variable holding the API key, or null for servers without one;
 *                     the key itself is never stored here, so it is never printed or logged
 * @param timeout      per request
 * @param maxTokens    answer length limit
 * @param temperature  sampling temperature (0: the most likely answer, repeatable)
 * @param maxImageSide images are scaled down to at most this many pixels on their long side
 * @param maxRetries   attempts after the first for retriable failures
 * @param maxInFlight  requests open at once, shared by every video of a run
 */
public record LlmSettings(String baseUrl, String model, String apiKeyEnv, Duration timeout, int maxTokens,
                          double temperature, int maxImageSide, int maxRetries, int maxInFlight) {

    public LlmSettings {
        if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, got " + Urls.withoutCredentials(baseUrl));
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
        }
        if (maxImageSide < 16) {
            throw new IllegalArgumentException("maxImageSide must be >= 16, got " + maxImageSide);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1, got " + maxInFlight);
        }
    }
}
