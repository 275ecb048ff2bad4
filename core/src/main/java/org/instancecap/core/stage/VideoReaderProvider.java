package org.instancecap.core.stage;

import org.instancecap.core.video.VideoReader;

/** A video decoder ({@code javacv}), found by name. */
public interface VideoReaderProvider extends StageProvider {

    /** A reader; readers are thread-safe, so one serves a whole run. */
    VideoReader create();
}
