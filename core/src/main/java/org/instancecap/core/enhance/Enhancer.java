package org.instancecap.core.enhance;

/**
 * Turns a user's short prompt into the structured prompt a text-to-video model trained on InstanceCap
 * captions expects (DESIGN §2.5): the InstanceVid fields plus the detailed story they came from.
 * Implementations are safe to call from several threads at once.
 */
public interface Enhancer extends AutoCloseable {

    /**
     * @param video the file name the video generated from this prompt should get; it becomes the
     *              record's {@code Video}, so that videos and prompts are matched by name
     */
    EnhancedPrompt enhance(String prompt, String video);

    /** What wrote the structured prompts ({@code llm:<model>}, {@code offline:opennlp}). */
    String name();

    @Override
    default void close() {
    }
}
