package org.instancecap.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;
import org.instancecap.core.llm.ImageEncoding;
import org.instancecap.core.llm.LlmException;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.video.RgbImage;

/**
 * {@link ChatClient} for any server speaking OpenAI's {@code /chat/completions} with images (vLLM,
 * SGLang, Ollama, LM Studio, llama.cpp server, OpenAI), through LangChain4j. Images go as JPEG data
 * URLs, scaled to the settings' long side. One attempt per call: retries and the limit on open
 * requests are {@link org.instancecap.core.llm.RetryingChatClient}'s, which knows the whole run.
 */
public final class OpenAiChatClient implements ChatClient {

    static final float JPEG_QUALITY = 0.9f;
    /** What is sent as the key to servers that take none; LangChain4j insists on one. */
    static final String NO_KEY = "none";

    private final ChatModel model;
    private final LlmSettings settings;

    /** A client whose API key is read from the environment variable the settings name. */
    public OpenAiChatClient(LlmSettings settings) {
        this(settings, System::getenv);
    }

    OpenAiChatClient(LlmSettings settings, Function<String, String> environment) {
        this.settings = settings;
        this.model = OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(apiKey(settings, environment))
                .modelName(settings.model())
                .temperature(settings.temperature())
                .maxTokens(settings.maxTokens())
                .timeout(settings.timeout())
                .maxRetries(0)
                .build();
    }

    private static String apiKey(LlmSettings settings, Function<String, String> environment) {
        if (settings.apiKeyEnv() == null) {
            return NO_KEY;
        }
        String key = environment.apply(settings.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw new LlmException("environment variable " + settings.apiKeyEnv() + " holds no API key", false, null);
        }
        return key;
    }

    @Override
    public String chat(List<ChatMessage> conversation) {
        List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : conversation) {
            messages.add(switch (m.role()) {
                case SYSTEM -> SystemMessage.from(m.text());
                case ASSISTANT -> AiMessage.from(m.text());
                case USER -> user(m);
            });
        }
        ChatResponse response;
        try {
            response = model.chat(messages);
        } catch (RuntimeException e) {
            throw translate(e);
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new LlmException("the model at " + settings.baseUrl() + " sent an empty answer", true, null);
        }
        return text;
    }

    private UserMessage user(ChatMessage m) {
        List<Content> contents = new ArrayList<>();
        for (RgbImage image : m.images()) {
            contents.add(ImageContent.from(ImageEncoding.jpegBase64(image, settings.maxImageSide(), JPEG_QUALITY), "image/jpeg"));
        }
        contents.add(TextContent.from(m.text()));
        return UserMessage.from(contents.toArray(Content[]::new));
    }

    /** Which failures may pass when sent again: rate limits, server errors, timeouts, dropped connections. */
    LlmException translate(RuntimeException e) {
        String where = " (" + settings.baseUrl() + ", model " + settings.model() + ")";
        if (e instanceof HttpException http) {
            int status = http.statusCode();
            boolean retriable = status == 408 || status == 429 || status >= 500;
            return new LlmException("HTTP " + status + ": " + firstLine(e.getMessage()) + where, retriable, e);
        }
        if (e instanceof NonRetriableException) {
            return new LlmException(firstLine(e.getMessage()) + where, false, e);
        }
        // RetriableException (rate limit, server error, timeout) and transport failures alike
        boolean retriable = e instanceof RetriableException || !(e instanceof IllegalArgumentException);
        return new LlmException(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + where, retriable, e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
