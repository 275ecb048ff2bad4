package org.instancecap.core.llm;

/** The server answered, with nothing in it: worth asking again, and to a captioner an unusable answer. */
public final class EmptyAnswerException extends LlmException {
    public EmptyAnswerException(String message) {
        super(message, true, null);
    }
}
