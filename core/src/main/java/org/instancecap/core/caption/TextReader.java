package org.instancecap.core.caption;

import java.util.Optional;
import org.instancecap.core.video.RgbImage;

/** Reads printed text in a picture (OCR), for the readable text the captions should mention. */
@FunctionalInterface
public interface TextReader {

    /** No OCR: nothing is ever read. */
    TextReader NONE = image -> Optional.empty();

    /** The words read in {@code image}, or empty when there are none it is sure of. */
    Optional<String> read(RgbImage image);
}
