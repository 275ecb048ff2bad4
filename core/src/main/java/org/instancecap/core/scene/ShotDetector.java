package org.instancecap.core.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.instancecap.core.video.RgbImage;

/** Finds where shots change, from the frames of a video fed in order. */
public interface ShotDetector {

    /** Takes the next frame of the video. */
    void accept(RgbImage frame);

    /** Frames seen so far. */
    int frameCount();

    /** Indices of the frames that start a new shot, ascending, never 0. */
    List<Integer> cuts();

    /**
     * The shots between {@code cuts} (from one or several detectors), covering frames
     * {@code 0..frameCount-1} without gaps; cuts closer than {@code minShotFrames} to the previous
     * one are dropped.
     */
    static List<Shot> shots(List<Integer> cuts, int frameCount, double fps, int minShotFrames) {
        List<Shot> shots = new ArrayList<>();
        if (frameCount < 1) {
            return shots;
        }
        int start = 0;
        for (int cut : new TreeSet<>(cuts)) {
            if (cut > start && cut < frameCount && cut - start >= minShotFrames) {
                shots.add(Shot.of(start, cut - 1, fps));
                start = cut;
            }
        }
        shots.add(Shot.of(start, frameCount - 1, fps));
        return shots;
    }
}
