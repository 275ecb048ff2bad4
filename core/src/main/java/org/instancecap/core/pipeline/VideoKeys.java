package org.instancecap.core.pipeline;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** A local video's identity for resuming: its real file, however the user spelled its path. */
public final class VideoKeys {
    private VideoKeys() {
    }

    /** The real path of {@code file} (links followed); for a file that is not there, its absolute normal path. */
    public static String of(Path file) {
        try {
            return file.toRealPath().toString();
        } catch (IOException | SecurityException e) {
            return file.toAbsolutePath().normalize().toString();
        }
    }

    /** The key of a video named in an older record (no journal then): the path as written, from here. */
    public static String ofWritten(String video) {
        try {
            return of(Path.of(video));
        } catch (InvalidPathException e) {
            return video;
        }
    }
}
