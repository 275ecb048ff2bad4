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
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.ChatMessage;
import org.instancecap.core.llm.ChatReply;
import org.instancecap.core.llm.ConnectionFailures;
import org.instancecap.core.llm.EmptyAnswerException;
import org.instancecap.core.llm.ImageEncoding;
import org.instancecap.core.llm.LlmException;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.TokenUsage;
import org.instancecap.core.llm.Urls;
import org.instancecap.core.video.RgbImage;

/**
 * {@link ChatClient} for any server speaking OpenAI's {@code /chat/completions} with images (vLLM,
 * SGLang, Ollama, LM Studio, llama.cpp server, OpenAI), through LangChain4j. Images go as JPEG data
 * URLs, scaled to the settings' long side, each picture encoded once however many questions show it.
 * One attempt per call: retries and the limit on open requests are
 * {@link org.instancecap.core.llm.RetryingChatClient}'s, which knows the whole run.
 *
 * <p>Servers as they are: OpenAI's newer models refuse {@code max_tokens} (they take
 * {@code max_completion_tokens}) and any temperature but their default. Such a refusal (HTTP 400
 * naming the parameter) is answered by sending the request once more in the accepted form, which is
 * then used for the rest of the run.
 */
public final class OpenAiChatClient implements ChatClient {

    static final float JPEG_QUALITY = 0.9f;
    /** What is sent as the key to servers that take none; LangChain4j insists on one. */
    static final String NO_KEY = "none";

    /** How the request states its limits; a server's refusal moves it down this list, never back. */
    enum RequestForm {
        /** {@code max_tokens} and the temperature asked for: what most servers take. */
        CLASSIC,
        /** {@code max_completion_tokens} and the temperature asked for. */
        COMPLETION_TOKENS,
        /** {@code max_completion_tokens} and the server's default temperature. */
        COMPLETION_TOKENS_DEFAULT_TEMPERATURE
    }

    private final LlmSettings settings;
    private final String apiKey;
    private final String where;
    private volatile RequestForm form = RequestForm.CLASSIC;
    private volatile ChatModel model;
    /** Base64 JPEGs of the pictures of the videos in work; an entry goes when its picture is no longer held. */
    private final Map<RgbImage, String> encoded = Collections.synchronizedMap(new WeakHashMap<>());

    /** A client whose API key is read from the environment variable the settings name. */
    public OpenAiChatClient(LlmSettings settings) {
        this(settings, System::getenv);
    }

    OpenAiChatClient(LlmSettings settings, Function<String, String> environment) {
        this.settings = settings;
        this.apiKey = apiKey(settings, environment);
        this.where = " (" + Urls.withoutCredentials(settings.baseUrl()) + ", model " + settings.model() + ")";
        this.model = build(form);
    }

    private ChatModel build(RequestForm form) {
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .baseUrl(settings.baseUrl())
                .apiKey(apiKey)
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(0);
        if (form == RequestForm.CLASSIC) {
            builder.maxTokens(settings.maxTokens());
        } else {
            builder.maxCompletionTokens(settings.maxTokens());
        }
        if (form != RequestForm.COMPLETION_TOKENS_DEFAULT_TEMPERATURE) {
            builder.temperature(settings.temperature());
        }
        return builder.build();
    }

    /** The form requests are sent in now. */
    RequestForm form() {
        return form;
    }

    static String apiKey(LlmSettings settings, Function<String, String> environment) {
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
        return reply(conversation).text();
    }

    @Override
    public ChatReply reply(List<ChatMessage> conversation) {
        List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>();
        for (ChatMessage m : conversation) {
            messages.add(switch (m.role()) {
                case SYSTEM -> SystemMessage.from(m.text());
                case ASSISTANT -> AiMessage.from(m.text());
                case USER -> user(m);
            });
        }
        ChatResponse response = send(messages);
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new EmptyAnswerException("the model sent an empty answer" + where);
        }
        return new ChatReply(text, usage(response));
    }

    /** Sends in the current form; a refusal of the form is answered by the next form the refusal allows. */
    private ChatResponse send(List<dev.langchain4j.data.message.ChatMessage> messages) {
        for (int adaptations = 0; ; adaptations++) {
            RequestForm sentAs = form;
            ChatModel sending = model;
            try {
                return sending.chat(messages);
            } catch (RuntimeException e) {
                RequestForm accepted = adaptations < RequestForm.values().length - 1 ? acceptedForm(sentAs, e) : null;
                if (accepted == null) {
                    throw translate(e);
                }
                synchronized (this) {
                    if (form.ordinal() < accepted.ordinal()) {
                        form = accepted;
                        model = build(accepted);
                    }
                }
            }
        }
    }

    /** The form a refusal asks for, or null when {@code e} is not a refusal of how the request was put. */
    static RequestForm acceptedForm(RequestForm sentAs, RuntimeException e) {
        HttpException http = httpCause(e);
        if (http == null || http.statusCode() != 400 || http.getMessage() == null) {
            return null;
        }
        String body = http.getMessage().toLowerCase(Locale.ROOT);
        if (sentAs == RequestForm.CLASSIC && body.contains("max_tokens")) {
            return RequestForm.COMPLETION_TOKENS;
        }
        if (sentAs != RequestForm.COMPLETION_TOKENS_DEFAULT_TEMPERATURE && body.contains("temperature")) {
            return RequestForm.COMPLETION_TOKENS_DEFAULT_TEMPERATURE;
        }
        return null;
    }

    private static TokenUsage usage(ChatResponse response) {
        dev.langchain4j.model.output.TokenUsage usage = response.tokenUsage();
        if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
            return null;
        }
        return new TokenUsage(usage.inputTokenCount() == null ? 0 : usage.inputTokenCount(),
                usage.outputTokenCount() == null ? 0 : usage.outputTokenCount());
    }

    private UserMessage user(ChatMessage m) {
        List<Content> contents = new ArrayList<>();
        for (RgbImage image : m.images()) {
            contents.add(ImageContent.from(encoded(image), "image/jpeg"));
        }
        contents.add(TextContent.from(m.text()));
        return UserMessage.from(contents.toArray(Content[]::new));
    }

    private String encoded(RgbImage image) {
        String jpeg = encoded.get(image);
        if (jpeg == null) {
            // two threads may encode the same picture at once at the start of a video; both get the same bytes
            jpeg = ImageEncoding.jpegBase64(image, settings.maxImageSide(), JPEG_QUALITY);
            encoded.put(image, jpeg);
        }
        return jpeg;
    }

    /** Pictures encoded so far and still held (for the tests). */
    int encodedPictures() {
        return encoded.size();
    }

    /** Which failures may pass when sent again: rate limits, server errors, timeouts, dropped connections. */
    LlmException translate(RuntimeException e) {
        HttpException http = httpCause(e);
        if (http != null) {
            int status = http.statusCode();
            boolean retriable = status == 408 || status == 429 || status >= 500;
            return new LlmException("HTTP " + status + ": " + serverMessage(http.getMessage()) + where, retriable, e);
        }
        String transport = ConnectionFailures.inWords(e, settings.timeout());
        if (transport != null) {
            return new LlmException(transport + where, true, e);
        }
        if (e instanceof NonRetriableException) {
            return new LlmException(firstLine(e.getMessage()) + where, false, e);
        }
        boolean retriable = e instanceof RetriableException || !(e instanceof IllegalArgumentException);
        return new LlmException(firstLine(e.getMessage()) + where, retriable, e);
    }

    private static HttpException httpCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpException http) {
                return http;
            }
        }
        return null;
    }

    /** The message of an OpenAI-style error body ({@code {"error":{"message":...}}}), else its first line. */
    static String serverMessage(String body) {
        if (body != null && body.strip().startsWith("{")) {
            try {
                com.fasterxml.jackson.databind.JsonNode error = org.instancecap.core.json.Json.mapper().readTree(body).path("error");
                String message = error.isTextual() ? error.asText() : error.path("message").asText(null);
                if (message != null && !message.isBlank()) {
                    return firstLine(message);
                }
            } catch (IOException | RuntimeException notJson) {
                // fall through to the first line
            }
        }
        return firstLine(body);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
