package org.instancecap.core.segment;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;

/** The box itself as the mask: the fastest choice, for when shapes do not matter. */
public final class BoxSegmenter implements InstanceSegmenter {
    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public Mask segment(RgbImage image, Box box, String label) {
        return Mask.ofBox(image.width(), image.height(), box);
    }
}
