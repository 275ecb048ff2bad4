package org.instancecap.core.llm;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * Sends through another client with at most {@code maxInFlight} requests open at once, and retries
 * retriable failures with exponential back-off and full jitter (0.5 s, 1 s, 2 s... at most 30 s, each
 * wait drawn between zero and that bound, so that many workers hitting a rate limit spread out).
 * A failure that cannot succeed is passed on at once.
 */
public final class RetryingChatClient implements ChatClient {

    static final long BASE_DELAY_MS = 500;
    static final long MAX_DELAY_MS = 30_000;

    private final ChatClient client;
    private final Semaphore inFlight;
    private final int maxRetries;
    private final LongConsumer sleeper;

    public RetryingChatClient(ChatClient client, int maxInFlight, int maxRetries) {
        this(client, maxInFlight, maxRetries, RetryingChatClient::sleep);
    }

    RetryingChatClient(ChatClient client, int maxInFlight, int maxRetries, LongConsumer sleeper) {
        if (maxInFlight < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("maxInFlight must be >= 1 and maxRetries >= 0, got " + maxInFlight + ", " + maxRetries);
        }
        this.client = client;
        this.inFlight = new Semaphore(maxInFlight, true);
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
    }

    @Override
    public String chat(List<ChatMessage> conversation) {
        return reply(conversation).text();
    }

    @Override
    public ChatReply reply(List<ChatMessage> conversation) {
        for (int attempt = 0; ; attempt++) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LlmException("interrupted while waiting to send a request", false, e);
            }
            try {
                return client.reply(conversation);
            } catch (LlmException e) {
                if (!e.retriable() || attempt >= maxRetries) {
                    throw e;
                }
            } finally {
                inFlight.release();
            }
            long bound = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(attempt, 20));
            sleeper.accept(ThreadLocalRandom.current().nextLong(bound + 1));
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting to retry", false, e);
        }
    }
}
