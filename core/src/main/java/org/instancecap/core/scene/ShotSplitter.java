package org.instancecap.core.scene;

import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.video.VideoInfo;

/** Writes each shot of a video as a clip of its own. */
public interface ShotSplitter {
    /**
     * Writes one clip per shot, {@code <prefix>-shot-001.mp4} and on ({@code prefix} names a folder
     * and the start of the file names); each clip appears whole or not at all.
     *
     * @param info the video's probe
     * @return the clips written, in shot order
     */
    List<Path> split(Path video, VideoInfo info, List<Shot> shots, Path prefix);
}
