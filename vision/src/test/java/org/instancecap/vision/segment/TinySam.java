package org.instancecap.vision.segment;

import java.nio.file.Path;
import java.util.List;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.TinyOnnx;
import org.instancecap.vision.video.SyntheticVideos;

/**
 * A SAM export pair whose one mask follows the frame's brightness: the whole frame for a bright frame
 * (above SAM's pixel mean), nothing for a dark one. For tests where which frame was encoded shows.
 */
public final class TinySam {

    private TinySam() {
    }

    /** An encoder {@code [1, 3, 1024, 1024]} whose embedding is the mean of its input, {@code [1, 1, 1, 1]}. */
    public static Path encoder(Path dir) {
        return new TinyOnnx()
                .input("input_image", TinyOnnx.FLOAT, 1, 3, 1024, 1024)
                .node("ReduceMean", List.of("input_image"), List.of("image_embeddings"), "keepdims", 1L)
                .output("image_embeddings", TinyOnnx.FLOAT, 1, 1, 1, 1)
                .write(dir.resolve("tiny-sam.encoder.onnx"));
    }

    /** A decoder whose one mask logit is the embedding. */
    public static Path decoder(Path dir) {
        return new TinyOnnx()
                .input("image_embeddings", TinyOnnx.FLOAT, 1, 1, 1, 1)
                .input("point_coords", TinyOnnx.FLOAT, 1, "num_points", 2)
                .input("point_labels", TinyOnnx.FLOAT, 1, "num_points")
                .input("mask_input", TinyOnnx.FLOAT, 1, 1, 256, 256)
                .input("has_mask_input", TinyOnnx.FLOAT, 1)
                .input("orig_im_size", TinyOnnx.FLOAT, 2)
                .identity("image_embeddings", "masks", TinyOnnx.FLOAT, 1, 1, 1, 1)
                .write(dir.resolve("tiny-sam.decoder.onnx"));
    }

    /** A flat grey frame, bright or dark, a new picture each call. */
    public static RgbImage frame(int width, int height, boolean bright) {
        int v = bright ? 220 : 30;
        return SyntheticVideos.flat(width, height, v, v, v);
    }
}
