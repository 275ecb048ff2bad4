package org.instancecap.core.camera;

/**
 * A similarity transform of the image plane (uniform scale, rotation, translation) in pixel
 * coordinates with y pointing down: {@code (x, y) -> (a x - b y + tx, b x + a y + ty)}, the layout
 * of OpenCV's {@code estimateAffinePartial2D} result {@code [[a, -b, tx], [b, a, ty]]}.
 *
 * @param a  {@code scale * cos(angle)}
 * @param b  {@code scale * sin(angle)}
 * @param tx translation in x, pixels
 * @param ty translation in y, pixels
 */
public record Similarity(double a, double b, double tx, double ty) {
    public static final Similarity IDENTITY = new Similarity(1, 0, 0, 0);

    public Similarity {
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(tx) || !Double.isFinite(ty)) {
            throw new IllegalArgumentException("coefficients must be finite, got a=" + a + " b=" + b
                    + " tx=" + tx + " ty=" + ty);
        }
        if (a == 0 && b == 0) {
            throw new IllegalArgumentException("scale must be > 0, got a=0 b=0");
        }
    }

    /** Scale {@code s} and counter-clockwise turn (as seen on screen) about the point (cx, cy), then a shift. */
    public static Similarity about(double cx, double cy, double scale, double counterClockwiseRadians,
                                   double shiftX, double shiftY) {
        double a = scale * Math.cos(-counterClockwiseRadians);
        double b = scale * Math.sin(-counterClockwiseRadians);
        return new Similarity(a, b, cx - a * cx + b * cy + shiftX, cy - b * cx - a * cy + shiftY);
    }

    public double x(double x, double y) {
        return a * x - b * y + tx;
    }

    public double y(double x, double y) {
        return b * x + a * y + ty;
    }

    /** This transform followed by {@code next}. */
    public Similarity then(Similarity next) {
        return new Similarity(next.a * a - next.b * b, next.b * a + next.a * b,
                next.a * tx - next.b * ty + next.tx, next.b * tx + next.a * ty + next.ty);
    }

    /** The factor by which lengths grow. */
    public double scale() {
        return Math.hypot(a, b);
    }

    /** The turn as seen on screen (y down), counter-clockwise positive, in radians within [-pi, pi]. */
    public double counterClockwiseRadians() {
        return -Math.atan2(b, a);
    }
}
