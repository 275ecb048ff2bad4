package org.instancecap.core.spec;

/**
 * The captioner of a run.
 *
 * @param name {@code offline} (from the measurements alone) or {@code mllm} (a multimodal chat server)
 * @param llm  the server for {@code mllm}, else null
 * @param hints whether {@code mllm}'s appearance and actions questions are told what was measured
 *              (the camera, a person's clothing colours and actions), beyond the paper's method
 */
public record CaptionerSpec(String name, LlmSpec llm, boolean hints) {
    public static final CaptionerSpec OFFLINE = new CaptionerSpec("offline", null);

    /** Without hints. */
    public CaptionerSpec(String name, LlmSpec llm) {
        this(name, llm, false);
    }

    public CaptionerSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank, got " + (name == null ? null : "\"" + name + "\""));
        }
    }

    /** Captions by the server of {@code llm}. */
    public static CaptionerSpec mllm(LlmSpec llm) {
        return new CaptionerSpec("mllm", llm);
    }

    public CaptionerSpec withHints(boolean given) {
        return new CaptionerSpec(name, llm, given);
    }
}
