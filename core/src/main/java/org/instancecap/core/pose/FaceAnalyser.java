package org.instancecap.core.pose;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;

/** Apparent attributes of a person's face. Implementations that hold models are closed by their owner. */
public interface FaceAnalyser extends AutoCloseable {

    /** Finds nothing: for runs without face models. */
    FaceAnalyser NONE = (frame, box, pose) -> FaceAttributes.NONE;

    /**
     * The face of the person in {@code personBox} whose body keypoints are {@code pose};
     * {@link FaceAttributes#NONE} when no face large and clear enough was found. Never null.
     */
    FaceAttributes analyse(RgbImage frame, Box personBox, Pose pose);

    @Override
    default void close() {
    }
}
