package org.instancecap.cli;

import java.nio.file.Path;
import org.instancecap.vision.detect.YoloHeads;
import org.instancecap.vision.onnx.TinyOnnx;
import org.instancecap.vision.segment.TinySam;
import org.instancecap.vision.video.SyntheticVideos;

/**
 * Small models and clips for tests of whole runs that need no downloaded model: an ONNX detector
 * that always finds a person and a dog, and clips for the ONNX SAM of {@link TinySam}, whose mask
 * follows the frame's brightness.
 */
final class TinyModels {
    static final int WIDTH = 160;
    static final int HEIGHT = 120;

    private TinyModels() {
    }

    /**
     * A YOLO head {@code [1, 84, 8400]} with a person left of the centre and a dog at the lower right,
     * on every frame: a 160×120 frame is at 4× in its 640×640 input, 80 rows down.
     */
    static Path detector(Path dir) {
        int anchors = 8400;
        float[] out = new float[84 * anchors];
        YoloHeads.anchor(out, anchors, 0, 160, 300, 160, 200, 0, 0.9f);
        YoloHeads.anchor(out, anchors, 1, 480, 420, 120, 80, 16, 0.8f);
        return new TinyOnnx()
                .input("images", TinyOnnx.FLOAT, 1, 3, 640, 640)
                .constantAfter("images", "output0", new long[] {1, 84, anchors}, out)
                .write(dir.resolve("tiny-yolo.onnx"));
    }

    /** A lossless clip of 16 flat frames whose brightness changes every {@code period} frames. */
    static Path clip(Path file, int period) throws Exception {
        return SyntheticVideos.write(file, SyntheticVideos.Kind.FFV1_MKV, WIDTH, HEIGHT, 16, 8,
                k -> TinySam.frame(WIDTH, HEIGHT, k / period % 2 == 0));
    }
}
