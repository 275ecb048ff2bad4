package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.instancecap.core.InstanceCapException;
import org.instancecap.core.video.RgbImage;
import org.instancecap.vision.onnx.TinyOnnx;
import org.instancecap.vision.video.SyntheticVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 3DVAE path on an encoder whose latent is twice its input. */
class VaeEncoderTest {

    @TempDir
    Path dir;

    @Test
    void frames_go_in_channels_then_time_in_minus_one_to_one() {
        try (VaeEncoder vae = VaeEncoder.open(TinyClip.vae(dir.resolve("vae.onnx")))) {
            assertThat(vae.frames()).isEqualTo(8);
            List<RgbImage> frames = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                frames.add(SyntheticVideos.flat(6, 5, 10 * t, 255, 0)); // resized to 4 x 4, still flat
            }
            VaeEncoder.Latent latent = vae.encode(frames);
            assertThat(latent.shape()).containsExactly(1, 3, 8, 4, 4);
            // [c][t][y][x]: red of frame 3 is 30 -> 2 x (30 / 127.5 - 1); green is 255 -> 2; blue 0 -> -2
            assertThat((double) latent.values()[(0 * 8 + 3) * 16 + 5]).isCloseTo(2 * (30 / 127.5 - 1), within(1e-6));
            assertThat((double) latent.values()[(1 * 8 + 6) * 16]).isCloseTo(2, within(1e-6));
            assertThat((double) latent.values()[(2 * 8 + 7) * 16 + 15]).isCloseTo(-2, within(1e-6));
        }
    }

    @Test
    void distance_is_the_l2_norm_of_the_latent_difference() {
        try (VaeEncoder vae = VaeEncoder.open(TinyClip.vae(dir.resolve("vae.onnx")))) {
            List<RgbImage> a = java.util.Collections.nCopies(8, SyntheticVideos.flat(8, 8, 100, 100, 100));
            List<RgbImage> b = java.util.Collections.nCopies(8, SyntheticVideos.flat(8, 8, 130, 100, 60));
            // 8 frames x 16 pixels; red differs by 30, blue by 40 (in [-1, 1]: /127.5), latents twice that
            double expected = 2 * Math.sqrt(8 * 16 * (30 * 30 + 40 * 40)) / 127.5;
            assertThat(vae.distance(vae.encode(a), vae.encode(b))).isCloseTo(expected, within(1e-4));
            assertThat(vae.distance(vae.encode(a), vae.encode(a))).isZero();
        }
    }

    @Test
    void a_short_video_has_its_frames_spread_over_the_eight() {
        try (VaeEncoder vae = VaeEncoder.open(TinyClip.vae(dir.resolve("vae.onnx")))) {
            List<RgbImage> three = List.of(SyntheticVideos.flat(4, 4, 0, 0, 0), SyntheticVideos.flat(4, 4, 51, 0, 0),
                    SyntheticVideos.flat(4, 4, 255, 0, 0));
            float[] latent = vae.encode(three).values();
            // picks round(t x 2 / 7): 0, 0, 1, 1, 1, 1, 2, 2
            int[] picked = {0, 0, 51, 51, 51, 51, 255, 255};
            for (int t = 0; t < 8; t++) {
                assertThat((double) latent[t * 16]).as("frame %d", t).isCloseTo(2 * (picked[t] / 127.5 - 1), within(1e-6));
            }
        }
    }

    @Test
    void an_encoder_of_the_wrong_shape_is_named_with_the_input_and_the_shape_expected() {
        Path image = new TinyOnnx().input("x", TinyOnnx.FLOAT, 1, 3, 4, 4).identity("x", "y", TinyOnnx.FLOAT, 1, 3, 4, 4)
                .write(dir.resolve("image-vae.onnx"));
        assertThatThrownBy(() -> VaeEncoder.open(image)).isInstanceOf(InstanceCapException.class)
                .hasMessageContaining("VAE encoder").hasMessageContaining("input 'x' is 1x3x4x4 float")
                .hasMessageContaining("expected [batch, 3, frames, height, width] float").hasMessageContaining("image-vae.onnx");
        Path open = new TinyOnnx().input("x", TinyOnnx.FLOAT, "b", 3, "t", "h", "w").identity("x", "latent", TinyOnnx.FLOAT, "b", 3, "t", "h", "w")
                .write(dir.resolve("open.onnx"));
        try (VaeEncoder vae = VaeEncoder.open(open)) {
            assertThat(vae.frames()).isEqualTo(8); // the paper's 8 frames (and 224 x 224) where the model leaves them open
        }
    }
}
