package org.instancecap.core.llm;

import java.util.List;

/**
 * A chat model that answers a conversation. Implementations throw {@link LlmException} saying
 * whether trying again may help; they are safe to call from several threads at once.
 */
public interface ChatClient extends AutoCloseable {

    /** The model's answer to the last message of {@code conversation}. */
    String chat(List<ChatMessage> conversation);

    /** The answer with the token usage the server reported; clients that know none report null usage. */
    default ChatReply reply(List<ChatMessage> conversation) {
        return new ChatReply(chat(conversation), null);
    }

    @Override
    default void close() {
    }
}
