package org.instancecap.llm;

import org.instancecap.core.caption.Captioner;
import org.instancecap.core.caption.MllmCaptioner;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.stage.CaptionerProvider;
import org.instancecap.core.stage.Providers;

/**
 * The {@code mllm} captioner: {@link MllmCaptioner} over the spec's server, one limit on open
 * requests for every chain of every video; a field whose answer is unusable twice takes the
 * {@code offline} captioner's text.
 */
public final class MllmCaptionerProvider implements CaptionerProvider {

    static final String FALLBACK = "offline";

    @Override
    public String name() {
        return "mllm";
    }

    @Override
    public Captioner create(CaptionerSpec spec, TokenTally tokens) {
        if (spec.llm() == null) {
            throw new IllegalArgumentException("captioner mllm needs llm, the server's settings");
        }
        Captioner fallback = Providers.find(CaptionerProvider.class, "captioner", FALLBACK).create(CaptionerSpec.OFFLINE, tokens);
        return new MllmCaptioner(ChatClients.of(spec.llm().settings(), tokens), spec.llm().model(), fallback, spec.hints());
    }
}
