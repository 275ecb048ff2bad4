package org.instancecap.eval.fidelity;

import java.nio.file.Path;
import java.util.List;
import org.instancecap.vision.onnx.TinyOnnx;

/**
 * Small CLIP towers and VAE encoders with outputs known by hand. The image tower takes
 * [batch, 3, 4, 4] and gives each channel's mean of the normalised pixels, times {@code W}. The text
 * tower sums the rows of {@link #TABLE} named by the tokens (padding included): the end token's row
 * is (1, 0, 0), {@code hello</w>}'s (0, 1, 0), {@code cat</w>}'s (0, 0, 1), the others 0.
 */
final class TinyClip {
    static final int SIZE = 4;
    static final int VOCABULARY = 521; // the vocabulary of ClipTokenizerTest
    static final float[] W = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    private TinyClip() {
    }

    static Path image(Path file, Object batch) {
        return new TinyOnnx()
                .input("pixel_values", TinyOnnx.FLOAT, batch, 3, SIZE, SIZE)
                .floats("w", new long[] {3, 3}, W)
                .node("GlobalAveragePool", List.of("pixel_values"), List.of("pooled"))
                .node("Flatten", List.of("pooled"), List.of("flat"), "axis", 1L)
                .node("MatMul", List.of("flat", "w"), List.of("image_embeds"))
                .output("image_embeds", TinyOnnx.FLOAT, batch, 3)
                .write(file);
    }

    static float[] table() {
        float[] t = new float[VOCABULARY * 3];
        t[ClipTokenizerTest.END * 3] = 1;
        t[515 * 3 + 1] = 1;
        t[518 * 3 + 2] = 1;
        return t;
    }

    static Path text(Path file, Object batch) {
        return new TinyOnnx()
                .input("input_ids", TinyOnnx.INT64, batch, 77)
                .floats("table", new long[] {VOCABULARY, 3}, table())
                .longs("axes", new long[] {1}, new long[] {1})
                .node("Gather", List.of("table", "input_ids"), List.of("rows"))
                .node("ReduceSum", List.of("rows", "axes"), List.of("text_embeds"), "keepdims", 0L)
                .output("text_embeds", TinyOnnx.FLOAT, batch, 3)
                .write(file);
    }

    /**
     * A text tower that reads the attention mask: rows 0 and 1 of {(0, 0, 1), (1, 0, 0)} summed over
     * the mask, so its embedding is (tokens, 0, 77 - tokens); the ids are taken and not used.
     */
    static Path textWithMask(Path file) {
        return new TinyOnnx()
                .input("input_ids", TinyOnnx.INT64, "batch", 77)
                .input("attention_mask", TinyOnnx.INT64, "batch", 77)
                .floats("mask_table", new long[] {2, 3}, new float[] {0, 0, 1, 1, 0, 0})
                .longs("axes", new long[] {1}, new long[] {1})
                .node("Gather", List.of("mask_table", "attention_mask"), List.of("rows"))
                .node("ReduceSum", List.of("rows", "axes"), List.of("text_embeds"), "keepdims", 0L)
                .output("text_embeds", TinyOnnx.FLOAT, "batch", 3)
                .write(file);
    }

    /** A VAE "encoder" [1, 3, 8, 4, 4] whose latent is twice its input. */
    static Path vae(Path file) {
        return new TinyOnnx()
                .input("sample", TinyOnnx.FLOAT, 1, 3, 8, SIZE, SIZE)
                .floats("two", new long[0], new float[] {2})
                .node("Mul", List.of("sample", "two"), List.of("latent"))
                .output("latent", TinyOnnx.FLOAT, 1, 3, 8, SIZE, SIZE)
                .write(file);
    }

    /** The image tower's embedding of a flat picture, before L2 normalisation: each channel's normalised value. */
    static double[] flatEmbedding(int r, int g, int b) {
        int[] v = {r, g, b};
        double[] out = new double[3];
        for (int c = 0; c < 3; c++) {
            out[c] = (v[c] / 255.0 - ClipPreprocessing.MEAN[c]) / ClipPreprocessing.STD[c];
        }
        return out;
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
