package org.instancecap.core.spec;

/**
 * The captioner of a run.
 *
 * @param name {@code offline} (from the measurements alone) or {@code mllm} (a multimodal chat server)
 * @param llm  the server for {@code mllm}, else null
 */
public record CaptionerSpec(String name, LlmSpec llm) {
    public static final CaptionerSpec OFFLINE = new CaptionerSpec("offline", null);

    public CaptionerSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + (name == null ? null : "\"" + name + "\""));
        }
    }

    /** Captions by the server of {@code llm}. */
    public static CaptionerSpec mllm(LlmSpec llm) {
        return new CaptionerSpec("mllm", llm);
    }
}
