package org.instancecap.core.pose;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The body keypoints of one person in one frame, in {@link #COCO_17} order. Only keypoints the model
 * was confident of are here: a missing one was not seen, and is not guessed.
 */
public record Pose(List<Keypoint> keypoints) {

    /** The 17 COCO keypoints, in the COCO order that MoveNet and most pose models share. */
    public static final List<String> COCO_17 = List.of("nose", "left_eye", "right_eye", "left_ear", "right_ear",
            "left_shoulder", "right_shoulder", "left_elbow", "right_elbow", "left_wrist", "right_wrist",
            "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle");

    /** A pose in which nothing was seen. */
    public static final Pose NONE = new Pose(List.of());

    public Pose {
        keypoints = List.copyOf(keypoints);
        Set<String> seen = new HashSet<>();
        int last = -1;
        for (Keypoint k : keypoints) {
            int index = COCO_17.indexOf(k.name());
            if (!seen.add(k.name()) || index < last) {
                throw new IllegalArgumentException("keypoints must be distinct and in COCO order, got " + k.name() + " after index "
                        + last);
            }
            last = index;
        }
    }

    /** The keypoint of that name, when it was seen. */
    public Optional<Keypoint> find(String name) {
        return keypoints.stream().filter(k -> k.name().equals(name)).findFirst();
    }

    public boolean isEmpty() {
        return keypoints.isEmpty();
    }
}
