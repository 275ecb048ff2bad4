package org.instancecap.core.llm;

import org.instancecap.core.InstanceCapException;

/**
 * A chat request that failed. Retriable failures (rate limits, server errors, timeouts, dropped
 * connections) may succeed when sent again; the others (bad request, authentication, unknown model)
 * will not.
 */
public class LlmException extends InstanceCapException {
    private final boolean retriable;

    public LlmException(String message, boolean retriable, Throwable cause) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
