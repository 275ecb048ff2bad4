package org.instancecap.core.pose;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;

/**
 * Finds the body keypoints of one person, given the frame and the person's box. Implementations that
 * hold a model are closed by their owner.
 */
public interface PoseEstimator extends AutoCloseable {

    /**
     * The pose of the person in {@code box} (frame pixels; it may reach past the frame's edges), in
     * the frame's pixels. {@link Pose#NONE} when the box is too small to look at or nothing was
     * found; never null.
     */
    Pose estimate(RgbImage frame, Box box);

    @Override
    default void close() {
    }
}
