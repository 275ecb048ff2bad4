package org.instancecap.core.scene;

import java.nio.file.Path;
import java.util.List;

/** Writes each shot of a video as a clip of its own. */
public interface ShotSplitter {
    /**
     * Writes one clip per shot into {@code outputDir}, named after the video and the shot number;
     * each clip appears whole or not at all.
     *
     * @return the clips written, in shot order
     */
    List<Path> split(Path video, List<Shot> shots, Path outputDir);
}
