package org.instancecap.core.pose;

import java.util.List;
import org.instancecap.core.detect.Box;

/** A person's poses over time. */
public final class PoseTrack {
    private PoseTrack() {
    }

    /**
     * The person on one frame.
     *
     * @param time    seconds from the start
     * @param box     its box, in the video's pixels
     * @param pose    its keypoints, in the video's pixels
     * @param sampled whether this is one of the sampled frames (else a frame between them)
     */
    public record Step(double time, Box box, Pose pose, boolean sampled) {
    }

    /** The steps with a pose, in time order. */
    public static List<Step> seen(List<Step> steps) {
        return steps.stream().filter(s -> !s.pose().isEmpty()).toList();
    }
}
