package org.instancecap.eval.inseval;

import java.nio.file.Path;

/**
 * Judges generated videos against their Inseval prompts, in two parts so that a batch run gives each
 * its own pool: {@link #look} (decoding, models) and {@link #judge} (asking a server). Both are
 * called from several threads at once.
 *
 * @param <S> what the judge takes from a video
 */
public interface InsevalJudge<S> extends AutoCloseable {

    /** For results and tables: {@code llm:<model>} or {@code offline-proxy}. */
    String name();

    /** Whether this is the offline proxy rather than a chat model. */
    boolean offline();

    /** Reads {@code video}; throws {@link org.instancecap.core.video.VideoReadException} when it cannot be decoded. */
    S look(Path video);

    Judgement judge(InsevalPrompt prompt, S seen);

    @Override
    default void close() {
    }
}
