package org.instancecap.llm;

import org.instancecap.core.llm.ChatClient;
import org.instancecap.core.llm.LlmSettings;
import org.instancecap.core.llm.RetryingChatClient;
import org.instancecap.core.llm.TallyingChatClient;
import org.instancecap.core.llm.TokenTally;

/** The chat client a run uses: the server's, with retries, a limit on open requests, and token counting. */
public final class ChatClients {

    private ChatClients() {
    }

    /** A client of the server of {@code settings} counting into {@code tokens}; the caller closes it. */
    public static ChatClient of(LlmSettings settings, TokenTally tokens) {
        return new TallyingChatClient(new RetryingChatClient(new OpenAiChatClient(settings), settings.maxInFlight(),
                settings.maxRetries()), tokens);
    }
}
