package org.instancecap.cli;

import java.time.Duration;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.RetryingChatClient;
import org.instancecap.llm.OpenAiChatClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The chat server options shared by caption, enhance and render. */
final class LlmOptions {

    @Option(names = "--llm-url", paramLabel = "URL", description = "OpenAI-compatible API root, e.g. http://localhost:8000/v1 (vLLM).")
    String url;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name the server knows.")
    String model;

    @Option(names = "--llm-api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key (never printed).")
    String apiKeyEnv;

    @Option(names = "--llm-timeout", defaultValue = "120", paramLabel = "SECONDS", description = "Per request (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--llm-max-tokens", defaultValue = "512", paramLabel = "N", description = "Answer length limit (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--llm-temperature", defaultValue = "0", paramLabel = "T", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--llm-retries", defaultValue = "5", paramLabel = "N",
            description = "Retries of a request after rate limits, server errors, timeouts (default: ${DEFAULT-VALUE}).")
    int retries;

    boolean enabled() {
        return url != null;
    }

    /** A client with retries and at most {@code inFlight} open requests; usage errors for bad values. */
    ChatClient client(CommandSpec spec, int inFlight) {
        return client(spec, inFlight, 768);
    }

    /** As {@link #client(CommandSpec, int)}, sending images at most {@code imageSide} pixels on their long side. */
    ChatClient client(CommandSpec spec, int inFlight, int imageSide) {
        if (model == null) {
            throw new ParameterException(spec.commandLine(), "--llm-url needs --llm-model");
        }
        LlmSettings settings;
        try {
            settings = new LlmSettings(url, model, apiKeyEnv, Duration.ofSeconds(timeout), maxTokens, temperature, imageSide, retries,
                    Math.max(1, inFlight));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new RetryingChatClient(new OpenAiChatClient(settings), settings.maxInFlight(), settings.maxRetries());
    }
}
