package org.instancecap.core.detect;

/**
 * One object a detector found.
 *
 * @param label the class name, COCO's where the model is a COCO model ({@code person}, {@code dog}...)
 * @param score confidence in [0, 1]
 * @param box   where, in pixels of the image given to the detector
 */
public record Detection(String label, double score, Box box) {
    public Detection {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }
}
