package org.instancecap.core.pose;

/**
 * One body keypoint found by a pose model.
 *
 * @param name  its COCO name ({@link Pose#COCO_17}), such as {@code left_shoulder}: the person's left
 * @param x     column in the frame's pixels
 * @param y     row in the frame's pixels
 * @param score the model's confidence, 0 to 1
 */
public record Keypoint(String name, double x, double y, double score) {
    public Keypoint {
        if (!Pose.COCO_17.contains(name)) {
            throw new IllegalArgumentException("name must be a COCO keypoint, got " + name);
        }
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("position must be finite, got " + x + "," + y);
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1], got " + score);
        }
    }
}
