package org.instancecap.core.track;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;

/**
 * Carries an object's box from one frame to a later one by following its texture. Not necessarily
 * thread-safe: one per thread ({@link org.instancecap.core.stage.Stages} builds one for each worker's cluster).
 */
public interface BoxTracker {

    /**
     * Where the object in {@code box} of {@code from} is in {@code to} (same size), or null when it
     * cannot be followed (left the frame, covered, too little texture).
     */
    Box track(RgbImage from, Box box, RgbImage to);
}
