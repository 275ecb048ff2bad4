package org.instancecap.core.amc;

import java.util.List;
import org.instancecap.core.camera.CameraMotion;
import org.instancecap.core.video.VideoInfo;

/**
 * What the auxiliary model cluster learned about a clip, as written to {@code amc.json}.
 *
 * @param video     the video's id: the file as given, or the name a manifest gave it
 * @param info      its probe
 * @param frames    the sampled frames
 * @param camera    the camera motion
 * @param instances the main instances, largest first
 * @param settings  what produced it (detector, thresholds), for provenance
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties({"people"}) // the people facts written beside it, read by whoever needs them
public record AmcResult(String video, VideoInfo info, List<FrameRef> frames, CameraMotion camera,
                        List<Instance> instances, AmcSettings settings) {

    /** A sampled frame: its index among the decoded frames and its time. */
    public record FrameRef(int index, double timeSeconds) {
    }

    public AmcResult {
        frames = List.copyOf(frames);
        instances = List.copyOf(instances);
    }

    /** The same findings under another name: the video's id rather than the local file it was read from. */
    public AmcResult withVideo(String name) {
        return name.equals(video) ? this : new AmcResult(name, info, frames, camera, instances, settings);
    }

    /** The same findings with the video's facts said of another file: a staged copy's original. */
    public AmcResult readFrom(String path) {
        return new AmcResult(video, info.withPath(path), frames, camera, instances, settings);
    }
}
