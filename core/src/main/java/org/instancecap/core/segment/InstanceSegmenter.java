package org.instancecap.core.segment;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;

/** Cuts one object out of a picture, given its box. Implementations that own a model are closed. */
public interface InstanceSegmenter extends AutoCloseable {

    /** The mask of the object of class {@code label} inside {@code box}, the size of {@code image}. */
    Mask segment(RgbImage image, Box box, String label);

    /**
     * Whether {@link #segment} may be called from several threads at once. When it may, one instance
     * serves a whole run; when not, {@link org.instancecap.core.stage.Stages} gives each worker thread its own.
     */
    default boolean threadSafe() {
        return false;
    }

    @Override
    default void close() {
    }
}
