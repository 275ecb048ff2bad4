package org.instancecap.cli;

import java.time.Duration;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.spec.LlmSpec;
import org.instancecap.llm.ChatClients;
import org.instancecap.llm.ServerCheck;
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

    @Option(names = "--llm-hints",
            description = "Tell the appearance and actions questions what was measured (the camera, a person's clothing colours "
                    + "and actions) as \"measurements suggest...\"; beyond the paper's method, off by default.")
    boolean hints;

    @Option(names = "--llm-skip-check",
            description = "Do not ask the server's /models, before any work, whether it is there and serves the model.")
    boolean skipCheck;

    private boolean checked;
    private final long created = System.nanoTime();

    /** The token usage of every request of the command's clients. */
    final TokenTally tokens = new TokenTally();

    boolean enabled() {
        return url != null;
    }

    /** A client with retries and at most {@code inFlight} open requests; usage errors for bad values. */
    ChatClient client(CommandSpec spec, int inFlight) {
        return client(spec, inFlight, 768);
    }

    /** As {@link #client(CommandSpec, int)}, sending images at most {@code imageSide} pixels on their long side. */
    ChatClient client(CommandSpec spec, int inFlight, int imageSide) {
        LlmSettings settings = settings(spec, inFlight, imageSide);
        check(spec);
        return ChatClients.of(settings, tokens);
    }

    /**
     * The captioner of a run's spec: with {@code --llm-url}, the server's, at most {@code inFlight} open
     * requests and images of at most {@code imageSide} pixels; else offline. Usage errors for bad values.
     */
    CaptionerSpec captioner(CommandSpec spec, int inFlight, int imageSide) {
        if (hints && !enabled()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--llm-hints needs --llm-url: the offline captioner "
                    + "writes from the measurements already");
        }
        return enabled() ? CaptionerSpec.mllm(LlmSpec.of(settings(spec, inFlight, imageSide))).withHints(hints) : CaptionerSpec.OFFLINE;
    }

    /**
     * Asks the server, once, whether it is there and serves the model (unless {@code --llm-skip-check}):
     * commands call it before their first video or prompt, so that a wrong URL or model costs nothing.
     */
    void check(CommandSpec spec) {
        if (!enabled() || skipCheck || checked) {
            return;
        }
        ServerCheck.check(settings(spec, 1, 768)).ifPresent(warning -> {
            spec.commandLine().getErr().println("warning: " + warning);
            spec.commandLine().getErr().flush();
        });
        checked = true;
    }

    /**
     * The run's tokens for the end of a command's last line: what the server counted and the output
     * rate, or that it counted nothing; null without a server or before any answer.
     */
    String tokensText() {
        if (!enabled() || tokens.replies() == 0) {
            return null;
        }
        if (tokens.withoutUsage() == tokens.replies()) {
            return "the server returned no token counts";
        }
        org.instancecap.core.llm.TokenUsage total = tokens.total();
        double seconds = (System.nanoTime() - created) / 1e9;
        return String.format(java.util.Locale.ROOT, "tokens: %,d prompt, %,d completion, %.1f completion tokens/s%s", total.prompt(),
                total.completion(), seconds > 0 ? total.completion() / seconds : 0,
                tokens.withoutUsage() == 0 ? "" : " (" + tokens.withoutUsage() + " of " + tokens.replies() + " answers without counts)");
    }

    /** The where of a command's last line, followed by its tokens when a server answered. */
    java.util.function.Supplier<String> withTokens(String where) {
        return () -> {
            String tokens = tokensText();
            return tokens == null ? where : where == null ? tokens : where + "; " + tokens;
        };
    }

    private LlmSettings settings(CommandSpec spec, int inFlight, int imageSide) {
        if (model == null) {
            throw new ParameterException(spec.commandLine(), "--llm-url needs --llm-model");
        }
        try {
            return new LlmSettings(url, model, apiKeyEnv, Duration.ofSeconds(timeout), maxTokens, temperature, imageSide, retries,
                    Math.max(1, inFlight));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
