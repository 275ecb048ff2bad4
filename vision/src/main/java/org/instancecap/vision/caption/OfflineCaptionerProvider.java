package org.instancecap.vision.caption;

import org.instancecap.core.caption.Captioner;
import org.instancecap.core.caption.OfflineCaptioner;
import org.instancecap.core.llm.TokenTally;
import org.instancecap.core.spec.CaptionerSpec;
import org.instancecap.core.stage.CaptionerProvider;
import org.instancecap.vision.ocr.TesseractTextReader;

/**
 * The {@code offline} captioner: {@link OfflineCaptioner} from the measurements alone, reading
 * on-screen text with Tesseract where it is installed. Registered here since it needs the OCR.
 */
public final class OfflineCaptionerProvider implements CaptionerProvider {

    public static final String NAME = "offline";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Captioner create(CaptionerSpec spec, TokenTally tokens) {
        return new OfflineCaptioner(TesseractTextReader.ifAvailable());
    }
}
