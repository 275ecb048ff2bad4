package org.instancecap.vision.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.detect.Box;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.TinyOnnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SAM segmenter on an encoder and decoder whose outputs are known tensors. A 1280×720 frame
 * is 1024×576 in SAM's 1024² square, so a 256² low-resolution logit at (u, v) covers frame pixels
 * around (5u, 5v), and rows from 144 down lie in the padding.
 */
class OnnxSamSegmenterTest {
    private static final int LOW = 256;

    @TempDir
    Path dir;

    @Test
    void best_low_res_mask_is_cropped_and_scaled_to_the_frame() {
        // mask 0: everything, IoU 0.3; mask 1: a rectangle plus a band in the padding, IoU 0.9
        float[] lowRes = new float[2 * LOW * LOW];
        Arrays.fill(lowRes, 0, LOW * LOW, 5f);
        Arrays.fill(lowRes, LOW * LOW, 2 * LOW * LOW, -5f);
        fill(lowRes, LOW * LOW, LOW, 64, 32, 128, 96, 5f);
        fill(lowRes, LOW * LOW, LOW, 0, 150, 256, 200, 5f);
        Path encoder = encoder("sam_vit_b.encoder.onnx");
        Path decoder = decoder()
                .constantAfter("image_embeddings", "masks", new long[] {1, 2, 10, 10}, new float[200])
                .constantAfter("image_embeddings", "iou_predictions", new long[] {1, 2}, new float[] {0.3f, 0.9f})
                .constantAfter("image_embeddings", "low_res_masks", new long[] {1, 2, LOW, LOW}, lowRes)
                .write(dir.resolve("sam_vit_b.decoder.onnx"));

        try (OnnxSamSegmenter sam = OnnxSamSegmenter.open(encoder, decoder)) {
            Mask mask = sam.segment(frame(1280, 720), new Box(300, 150, 660, 500), "dog");

            assertThat(mask.width()).isEqualTo(1280);
            assertThat(mask.height()).isEqualTo(720);
            // edges exact to the pixel; bilinear upsampling rounds off 3 pixels at each corner, as in SAM
            assertThat(mask.iou(Mask.ofBox(1280, 720, new Box(320, 160, 640, 480)))).isGreaterThan(0.9998);
            assertThat(mask.contains(320, 300)).isTrue();
            assertThat(mask.contains(319, 300)).isFalse();
            assertThat(mask.contains(639, 300)).isTrue();
            assertThat(mask.contains(640, 300)).isFalse();
            assertThat(mask.contains(500, 160)).isTrue();
            assertThat(mask.contains(500, 159)).isFalse();
            assertThat(mask.contains(500, 479)).isTrue();
            assertThat(mask.contains(500, 480)).isFalse();
        }
    }

    @Test
    void one_encoder_run_serves_every_box_of_a_frame() {
        Path encoder = encoder("mobile_sam.encoder.onnx");
        Path decoder = decoder()
                .constantAfter("image_embeddings", "masks", new long[] {1, 1, 48, 64}, new float[48 * 64])
                .write(dir.resolve("mobile_sam.decoder.onnx"));
        RgbImage first = frame(64, 48);
        RgbImage second = frame(64, 48);

        try (OnnxSamSegmenter sam = OnnxSamSegmenter.open(encoder, decoder)) {
            sam.segment(first, new Box(0, 0, 10, 10), "person");
            sam.segment(first, new Box(20, 20, 40, 40), "dog");
            sam.segment(first, new Box(5, 5, 60, 40), "car");
            assertThat(sam.encoderRuns()).isEqualTo(1);

            sam.segment(second, new Box(0, 0, 10, 10), "person");
            assertThat(sam.encoderRuns()).isEqualTo(2);
        }
    }

    @Test
    void one_segmenter_shared_by_two_threads_gives_each_frame_its_own_mask() throws Exception {
        Box box = new Box(10, 10, 60, 50);
        try (OnnxSamSegmenter sam = OnnxSamSegmenter.open(TinySam.encoder(dir), TinySam.decoder(dir))) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<Integer>>> areas = new ArrayList<>();
                for (boolean bright : new boolean[] {true, false}) {
                    areas.add(pool.submit(() -> {
                        List<Integer> out = new ArrayList<>();
                        for (int r = 0; r < 200; r++) {
                            out.add(sam.segment(TinySam.frame(80, 60, bright), box, "dog").area());
                        }
                        return out;
                    }));
                }
                assertThat(areas.get(0).get()).containsOnly(80 * 60);
                assertThat(areas.get(1).get()).containsOnly(0);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void frame_sized_masks_are_thresholded_as_they_are() {
        float[] masks = new float[48 * 64];
        Arrays.fill(masks, -1f);
        fill(masks, 0, 64, 10, 5, 30, 25, 1f);
        Path encoder = encoder("enc.onnx");
        Path decoder = decoder()
                .constantAfter("image_embeddings", "masks", new long[] {1, 1, 48, 64}, masks)
                .constantAfter("image_embeddings", "iou_predictions", new long[] {1, 1}, new float[] {0.7f})
                .write(dir.resolve("dec.onnx"));

        try (OnnxSamSegmenter sam = OnnxSamSegmenter.open(encoder, decoder)) {
            Mask mask = sam.segment(frame(64, 48), new Box(8, 4, 32, 26), "cup");

            assertThat(mask.iou(Mask.ofBox(64, 48, new Box(10, 5, 30, 25)))).isEqualTo(1.0);
        }
    }

    @Test
    void encoder_gets_the_normalised_padded_square_or_the_scaled_rgb_frame() {
        // identity encoders: the decoder's declared input shape checks what the encoder was given
        Path square = new TinyOnnx()
                .input("input_image", TinyOnnx.FLOAT, 1, 3, 1024, 1024)
                .identity("input_image", "image_embeddings", TinyOnnx.FLOAT, 1, 3, 1024, 1024)
                .write(dir.resolve("square.onnx"));
        Path rgb = new TinyOnnx()
                .input("input_image", TinyOnnx.FLOAT, "image_height", "image_width", 3)
                .identity("input_image", "image_embeddings", TinyOnnx.FLOAT, "image_height", "image_width", 3)
                .write(dir.resolve("rgb.onnx"));
        Path squareDecoder = decoderTaking(1, 3, 1024, 1024).write(dir.resolve("d1.onnx"));
        Path rgbDecoder = decoderTaking(576, 1024, 3).write(dir.resolve("d2.onnx"));

        try (OnnxSamSegmenter a = OnnxSamSegmenter.open(square, squareDecoder);
                OnnxSamSegmenter b = OnnxSamSegmenter.open(rgb, rgbDecoder)) {
            Box box = new Box(100, 100, 200, 200);
            assertThat(a.segment(frame(1280, 720), box, "dog").area()).isEqualTo(1280 * 720);
            assertThat(b.segment(frame(1280, 720), box, "dog").area()).isEqualTo(1280 * 720);
        }
    }

    @Test
    void a_decoder_that_does_not_fit_the_encoder_is_refused() {
        Path encoder = encoder("enc.onnx");
        Path decoder = new TinyOnnx()
                .input("image_embed", TinyOnnx.FLOAT, 1, 8, 4, 4)
                .input("high_res_feats_0", TinyOnnx.FLOAT, 1, 8, 4, 4)
                .input("point_coords", TinyOnnx.FLOAT, 1, "n", 2)
                .constantAfter("image_embed", "masks", new long[] {1, 1, 8, 8}, new float[64])
                .write(dir.resolve("sam2.decoder.onnx"));

        assertThatThrownBy(() -> OnnxSamSegmenter.open(encoder, decoder))
                .isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("do not match the encoder's outputs")
                .hasMessageContaining("sam2.decoder.onnx");
    }

    @Test
    void missing_files_are_reported_with_their_path() {
        Path encoder = encoder("enc.onnx");
        Path missing = dir.resolve("decoder.onnx");
        assertThatThrownBy(() -> OnnxSamSegmenter.open(encoder, missing))
                .isInstanceOf(InstanceCapException.class)
                .hasMessage("ONNX SAM decoder model not found (" + missing + ")");
    }

    /** An encoder [1, 3, 1024, 1024] → image_embeddings [1, 8, 4, 4]. */
    private Path encoder(String name) {
        return new TinyOnnx()
                .input("input_image", TinyOnnx.FLOAT, 1, 3, 1024, 1024)
                .constantAfter("input_image", "image_embeddings", new long[] {1, 8, 4, 4}, new float[128])
                .write(dir.resolve(name));
    }

    /** The inputs of segment-anything's decoder export, for embeddings [1, 8, 4, 4]; outputs to add. */
    private static TinyOnnx decoder() {
        return decoderInputs(1, 8, 4, 4);
    }

    /** The decoder's inputs for embeddings of {@code dims}, with an all-inside 4x4 mask output. */
    private static TinyOnnx decoderTaking(Object... dims) {
        return decoderInputs(dims).constantAfter("image_embeddings", "masks", new long[] {1, 1, 4, 4}, filled(16, 1f));
    }

    private static TinyOnnx decoderInputs(Object... embeddingDims) {
        return new TinyOnnx()
                .input("image_embeddings", TinyOnnx.FLOAT, embeddingDims)
                .input("point_coords", TinyOnnx.FLOAT, 1, "num_points", 2)
                .input("point_labels", TinyOnnx.FLOAT, 1, "num_points")
                .input("mask_input", TinyOnnx.FLOAT, 1, 1, 256, 256)
                .input("has_mask_input", TinyOnnx.FLOAT, 1)
                .input("orig_im_size", TinyOnnx.FLOAT, 2);
    }

    private static float[] filled(int n, float v) {
        float[] out = new float[n];
        Arrays.fill(out, v);
        return out;
    }

    /** Sets {@code [x1, x2) × [y1, y2)} of the mask of {@code width} starting at {@code offset}. */
    private static void fill(float[] masks, int offset, int width, int x1, int y1, int x2, int y2, float v) {
        for (int y = y1; y < y2; y++) {
            Arrays.fill(masks, offset + y * width + x1, offset + y * width + x2, v);
        }
    }

    private static RgbImage frame(int width, int height) {
        byte[] px = new byte[width * height * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 31);
        }
        return new RgbImage(width, height, px);
    }
}
