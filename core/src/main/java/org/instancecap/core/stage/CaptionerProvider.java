package org.instancecap.core.stage;

import org.instancecap.core.caption.Captioner;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.spec.CaptionerSpec;

/** A captioner ({@code offline}, {@code mllm}), found by name. */
public interface CaptionerProvider extends StageProvider {

    /**
     * A captioner, owned by the caller, who closes it; thread-safe, so one serves a whole run.
     *
     * @param tokens where the token usage of every server request is counted
     * @throws IllegalArgumentException when {@code spec} lacks what this captioner needs
     */
    Captioner create(CaptionerSpec spec, TokenTally tokens);
}
