package org.instancecap.vision.detect;

/** Writes boxes into the output of a dense YOLO head, {@code [1, 4 + classes, anchors]}, for test models. */
public final class YoloHeads {

    private YoloHeads() {
    }

    /** Anchor {@code n}: centre, size (model-input pixels) and the score of class {@code cls}. */
    public static void anchor(float[] out, int anchors, int n, float cx, float cy, float w, float h, int cls, float score) {
        out[n] = cx;
        out[anchors + n] = cy;
        out[2 * anchors + n] = w;
        out[3 * anchors + n] = h;
        out[(4 + cls) * anchors + n] = score;
    }
}
