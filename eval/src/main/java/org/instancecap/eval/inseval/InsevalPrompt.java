package org.instancecap.eval.inseval;

import java.util.List;

/**
 * One Inseval prompt: the sentence a text-to-video model is given, and what the video made from it
 * must show.
 *
 * @param multiple  whether it is of the multiple-instance set
 * @param name      the video's file name as the prompt file gives it ({@code 0000.mp4})
 * @param instances in the file's order; for a multiple-instance prompt every one must pass
 */
public record InsevalPrompt(boolean multiple, Dimension dimension, String name, String sentence, List<Expected> instances) {

    /**
     * An instance the video must show.
     *
     * @param className as the prompt file writes it ({@code A man}, {@code coffee cup})
     * @param value     the expected action, colour, shape, texture or detail
     */
    public record Expected(String className, String value) {
        public Expected {
            if (className == null || className.isBlank() || value == null || value.isBlank()) {
                throw new IllegalArgumentException("an instance needs a class and a value, got " + className + " and " + value);
            }
        }

        /** The class without a leading article, lower case: what questions name ({@code man}). */
        public String noun() {
            return className.strip().replaceFirst("(?i)^(a|an|the)\\s+", "").toLowerCase(java.util.Locale.ROOT);
        }
    }

    public InsevalPrompt {
        if (dimension == null || name == null || name.isBlank() || sentence == null || sentence.isBlank()) {
            throw new IllegalArgumentException("a prompt needs a dimension, a name and a sentence");
        }
        instances = List.copyOf(instances);
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one instance");
        }
    }

    /** {@code single} or {@code multiple}. */
    public String set() {
        return multiple ? "multiple" : "single";
    }

    /** Where its video is, relative to the videos folder: {@code <set>/<dimension>/<name>}; also the prompt's id. */
    public String video() {
        return set() + "/" + dimension.id() + "/" + name;
    }
}
