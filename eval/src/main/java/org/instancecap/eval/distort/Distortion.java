package org.instancecap.eval.distort;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The distortions of the paper's Table S1, which calibrate how far a caption-fidelity metric moves for
 * a known damage to a video. Their strengths are the table's; what is drawn at random is drawn anew for
 * every frame.
 */
public enum Distortion {
    /** A 5×5 Gaussian kernel, σ {@value ImageDistortions#BLUR_SIGMA} (what OpenCV takes for that kernel when given no σ). */
    BLUR,
    /** Each frame through a JPEG encoder and back, at a quality drawn from 5 to 30. */
    JPEG,
    /** A stated share of the pixels, drawn at random, set to black. */
    MASK,
    /** Gaussian noise of σ 25 on each pixel's brightness. */
    NOISE,
    /** Every channel multiplied by a factor drawn from 0.5 to 1.5. */
    BRIGHTNESS,
    /** The picture moved by a whole number of pixels drawn from −10 to 10 in x and in y; what is uncovered is black. */
    SHIFT;

    /** The name users give, in file names and {@code --only}: {@code blur}, {@code jpeg}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The distortion of {@code label}; the message lists the names when there is none. */
    public static Distortion of(String label) {
        for (Distortion d : values()) {
            if (d.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown distortion '" + label + "', expected one of "
                + Arrays.stream(values()).map(Distortion::label).collect(Collectors.joining(", ")));
    }
}
