package org.instancecap.core.llm;

import java.util.List;

/** Passes requests on and adds each reply's token usage to a tally. */
public final class TallyingChatClient implements ChatClient {
    private final ChatClient client;
    private final TokenTally tally;

    public TallyingChatClient(ChatClient client, TokenTally tally) {
        this.client = client;
        this.tally = tally;
    }

    @Override
    public String chat(List<ChatMessage> conversation) {
        return reply(conversation).text();
    }

    @Override
    public ChatReply reply(List<ChatMessage> conversation) {
        ChatReply reply = client.reply(conversation);
        tally.add(reply);
        return reply;
    }

    @Override
    public void close() {
        client.close();
    }
}
