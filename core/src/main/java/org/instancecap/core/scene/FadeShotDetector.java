package org.instancecap.core.scene;

import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.video.RgbImage;

/**
 * Finds shot changes made by fading through black, which a content detector rightly ignores: a
 * frame whose mean brightness drops below {@code threshold} starts a fade out, the next frame back
 * above it ends the fade in, and the cut goes half-way between (the rule of PySceneDetect's
 * threshold detector). A video that opens in black gets no cut for its opening fade in.
 */
public final class FadeShotDetector implements ShotDetector {

    /** Mean brightness (0..255) below which a frame counts as black. */
    public static final double DEFAULT_THRESHOLD = 12;

    private final double threshold;
    private final List<Integer> fadeCuts = new ArrayList<>();
    private int frames;
    private int fadeOutStart = -1;
    private boolean openedInBlack;

    public FadeShotDetector(double threshold) {
        if (!(threshold > 0 && threshold < 255)) {
            throw new IllegalArgumentException("threshold must be in (0, 255), got " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public void accept(RgbImage frame) {
        boolean dark = meanBrightness(frame) < threshold;
        int index = frames++;
        if (index == 0) {
            openedInBlack = dark;
            return;
        }
        if (dark && fadeOutStart < 0 && !openedInBlack) {
            fadeOutStart = index;
        } else if (!dark) {
            if (fadeOutStart >= 0) {
                fadeCuts.add(fadeOutStart + (index - fadeOutStart) / 2);
                fadeOutStart = -1;
            }
            openedInBlack = false;
        }
    }

    @Override
    public int frameCount() {
        return frames;
    }

    @Override
    public List<Integer> cuts() {
        return List.copyOf(fadeCuts);
    }

    static double meanBrightness(RgbImage image) {
        long sum = 0;
        for (byte b : image.pixels()) {
            sum += b & 0xff;
        }
        return sum / (double) image.pixels().length;
    }
}
