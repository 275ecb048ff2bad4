package org.instancecap.vision.video;

import org.instancecap.core.stage.VideoReaderProvider;
import org.instancecap.core.video.VideoReader;

/** The {@code javacv} reader: {@link JavaCvVideoReader}. */
public final class JavaCvVideoReaderProvider implements VideoReaderProvider {

    @Override
    public String name() {
        return "javacv";
    }

    @Override
    public VideoReader create() {
        return new JavaCvVideoReader();
    }
}
