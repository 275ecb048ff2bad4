package org.instancecap.core.detect;

/**
 * An axis-aligned box in pixels of the displayed frame: {@code x1 <= x2}, {@code y1 <= y2}, the
 * top-left corner first.
 */
public record Box(double x1, double y1, double x2, double y2) {
    public Box {
        if (!(x1 <= x2) || !(y1 <= y2)) {
            throw new IllegalArgumentException("box corners must be ordered, got " + x1 + "," + y1 + "," + x2 + "," + y2);
        }
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return width() * height();
    }

    public double centerX() {
        return (x1 + x2) / 2;
    }

    public double centerY() {
        return (y1 + y2) / 2;
    }

    /** Intersection over union with {@code other}, 0 when they do not overlap. */
    public double iou(Box other) {
        double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        return inter / (area() + other.area() - inter);
    }

    /** This box cut to a {@code width} × {@code height} frame. */
    public Box clip(int width, int height) {
        double cx1 = Math.max(0, Math.min(width, x1));
        double cy1 = Math.max(0, Math.min(height, y1));
        return new Box(cx1, cy1, Math.max(cx1, Math.min(width, x2)), Math.max(cy1, Math.min(height, y2)));
    }

    /** This box moved by (dx, dy). */
    public Box shift(double dx, double dy) {
        return new Box(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
    }
}
