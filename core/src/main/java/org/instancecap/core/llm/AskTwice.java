package org.instancecap.core.llm;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The conversation step that the captioner, the enhancer and the paragraph writer share: ask the
 * model, check its answer, and when the answer is unusable ask once more, plainly or with a
 * correction, before the caller falls back.
 */
public final class AskTwice {

    private AskTwice() {
    }

    /**
     * What a check made of one answer.
     *
     * @param value      what the answer was read as; null when it is unusable
     * @param kept       with {@code correction}: the model's turn to keep in the conversation before
     *                   asking again; null to ask the same conversation again
     * @param correction the user's turn that says what was wrong; null with {@code kept}
     * @param <T>        what answers are read as
     */
    public record Verdict<T>(T value, String kept, String correction) {
        public Verdict {
            if ((kept == null) != (correction == null)) {
                throw new IllegalArgumentException("kept and correction go together, got kept " + kept + ", correction " + correction);
            }
            if (value != null && kept != null) {
                throw new IllegalArgumentException("a usable answer needs no correction, got " + correction);
            }
        }

        /** The answer is usable as {@code value}. */
        public static <T> Verdict<T> usable(T value) {
            if (value == null) {
                throw new IllegalArgumentException("a usable answer must have a value");
            }
            return new Verdict<>(value, null, null);
        }

        /** The answer is unusable; the same conversation is asked again. */
        public static <T> Verdict<T> again() {
            return new Verdict<>(null, null, null);
        }

        /** The answer is unusable; {@code kept} and {@code correction} join the conversation before it is asked again. */
        public static <T> Verdict<T> correct(String kept, String correction) {
            return new Verdict<>(null, kept, correction);
        }
    }

    /**
     * Asks {@code model} the conversation and checks the answer, at most twice. A correction is added
     * to {@code conversation} (which must then be mutable) only before the second question, never
     * after it, so a caller that goes on with the conversation goes on from what was asked. Failures
     * of the model pass through.
     *
     * @param model the question: the conversation to the model's raw answer, null for an empty one
     * @param check what an answer, null included, is read as
     * @return the first usable reading, or empty when both answers were unusable
     */
    public static <T> Optional<T> ask(Function<List<ChatMessage>, String> model, List<ChatMessage> conversation,
                                      Function<String, Verdict<T>> check) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Verdict<T> verdict = check.apply(model.apply(conversation));
            if (verdict.value() != null) {
                return Optional.of(verdict.value());
            }
            if (attempt == 0 && verdict.kept() != null) {
                conversation.add(ChatMessage.assistant(verdict.kept()));
                conversation.add(ChatMessage.user(verdict.correction()));
            }
        }
        return Optional.empty();
    }
}
