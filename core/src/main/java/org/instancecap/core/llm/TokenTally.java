package org.instancecap.core.llm;

import java.util.concurrent.atomic.AtomicLong;

/** Sums the token usage of replies, from any number of threads; counts the replies that came without any. */
public final class TokenTally {
    private final AtomicLong prompt = new AtomicLong();
    private final AtomicLong completion = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong withoutUsage = new AtomicLong();

    public void add(ChatReply reply) {
        replies.incrementAndGet();
        if (reply.usage() == null) {
            withoutUsage.incrementAndGet();
        } else {
            add(reply.usage());
        }
    }

    public void add(TokenUsage usage) {
        prompt.addAndGet(usage.prompt());
        completion.addAndGet(usage.completion());
    }

    public TokenUsage total() {
        return new TokenUsage(prompt.get(), completion.get());
    }

    public long replies() {
        return replies.get();
    }

    /** Replies for which the server returned no usage. */
    public long withoutUsage() {
        return withoutUsage.get();
    }
}
