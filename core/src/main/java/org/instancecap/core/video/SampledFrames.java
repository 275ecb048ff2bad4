package org.instancecap.core.video;

import java.util.List;

/** The frames sampled from one video, in index order, with the video's probe. */
public record SampledFrames(VideoInfo info, List<SampledFrame> frames) {
    public SampledFrames {
        frames = List.copyOf(frames);
    }
}
