package org.instancecap.core.camera;

/**
 * How the camera moved over a clip.
 *
 * @param label       the paper's label: {@code static}, {@code Undetermined}, or motions joined by
 *                    {@code +} ({@code pan_left+zoom_in}); pan_right = the camera turns right, so the
 *                    content moves left; tilt_up = content moves down; zoom_in = content grows
 * @param speed       translation of the content, in frame widths (x) and heights (y) per second,
 *                    as one magnitude
 * @param zoom        scale of the content at the end relative to the start (1 = none, 2 = twice as big)
 * @param rotation    roll of the content from start to end, degrees counter-clockwise
 * @param jitter      frame-to-frame shake: the spread of the per-frame motion around its smooth
 *                    course, in fractions of the frame
 * @param adverb      the degree of the motion: {@code slowly}, {@code steadily}, {@code rapidly},
 *                    {@code sharply}, or empty for a static camera
 */
public record CameraMotion(String label, double speed, double zoom, double rotation, double jitter, String adverb) {
    public static final String STATIC = "static";
    public static final String UNDETERMINED = "Undetermined";

    public CameraMotion {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank");
        }
    }
}
