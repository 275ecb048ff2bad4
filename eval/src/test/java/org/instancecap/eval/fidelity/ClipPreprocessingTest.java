package org.instancecap.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

/** Resize, crop and normalisation against values worked out by hand on tiny pictures. */
class ClipPreprocessingTest {

    /** A grey picture whose value at column x is {@code value(x)}, the same in every row and channel. */
    static RgbImage columns(int width, int height, java.util.function.IntUnaryOperator value) {
        byte[] p = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    p[(y * width + x) * 3 + c] = (byte) value.applyAsInt(x);
                }
            }
        }
        return new RgbImage(width, height, p);
    }

    static float normalised(int value, int channel) {
        return (value / 255f - ClipPreprocessing.MEAN[channel]) / ClipPreprocessing.STD[channel];
    }

    @Test
    void bicubic_kernel_is_the_one_with_a_minus_one_half() {
        assertThat(Bicubic.kernel(0)).isEqualTo(1.0);
        assertThat(Bicubic.kernel(0.25)).isCloseTo(0.8671875, within(1e-12));
        assertThat(Bicubic.kernel(-0.75)).isCloseTo(0.2265625, within(1e-12));
        assertThat(Bicubic.kernel(1.25)).isCloseTo(-0.0703125, within(1e-12));
        assertThat(Bicubic.kernel(1.75)).isCloseTo(-0.0234375, within(1e-12));
        assertThat(Bicubic.kernel(2)).isEqualTo(0.0);
    }

    @Test
    void enlarging_a_step_overshoots_as_a_cubic_does() {
        // [0, 0, 255, 255] to 8 wide: output 3 has its centre at 1.75 in the input, so the inputs 0..3 weigh
        // k(1.25), k(0.25), k(0.75), k(1.75) = -0.0703125, 0.8671875, 0.2265625, -0.0234375:
        // 255 x (0.2265625 - 0.0234375) = 51.8 -> 52 (bilinear would give 64); output 4 mirrors it: 203
        RgbImage step = columns(4, 1, x -> x < 2 ? 0 : 255);
        RgbImage out = Bicubic.resize(step, 8, 1);
        assertThat(out.rgb(3, 0)[0]).isEqualTo(52);
        assertThat(out.rgb(4, 0)[0]).isEqualTo(203);
        assertThat(out.rgb(0, 0)[0]).isEqualTo(0);
        assertThat(out.rgb(7, 0)[2]).isEqualTo(255);
    }

    @Test
    void shrinking_widens_the_kernel_and_averages() {
        // a ramp 10x + 5 halved: the window of output i is symmetric about input 2i + 0.5 away from the
        // borders (i = 2..5 of 8), so those take the ramp's value there, 20i + 10
        RgbImage ramp = columns(16, 2, x -> 10 * x + 5);
        RgbImage out = Bicubic.resize(ramp, 8, 1);
        assertThat(out.height()).isEqualTo(1);
        for (int i = 2; i <= 5; i++) {
            assertThat(out.rgb(i, 0)[1]).as("column %d", i).isEqualTo(20 * i + 10);
        }
    }

    @Test
    void shorter_side_to_the_size_then_the_centre_normalised_channels_first() {
        // 16 x 8 to shorter side 4: 8 x 4 (the ramp as above, halved), then the centre 4 columns (offset 2): 50, 70, 90, 110
        RgbImage ramp = columns(16, 8, x -> 10 * x + 5);
        float[] pixels = ClipPreprocessing.pixels(ramp, 4);
        assertThat(pixels).hasSize(3 * 4 * 4);
        int[] expected = {50, 70, 90, 110};
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertThat(pixels[c * 16 + y * 4 + x]).as("channel %d at %d,%d", c, x, y)
                            .isCloseTo(normalised(expected[x], c), within(1e-6f));
                }
            }
        }
        // e.g. red 50: (50/255 - 0.48145466) / 0.26862954 = -1.06243
        assertThat(pixels[0]).isCloseTo(-1.06243f, within(1e-4f));
    }

    @Test
    void crop_offsets_round_half_to_even_and_channels_keep_their_order() {
        // 5 x 2 at size 2: no resize (the shorter side is 2 already), left offset round(1.5) = 2: columns 2 and 3
        byte[] p = new byte[5 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 5; x++) {
                int o = (y * 5 + x) * 3;
                p[o] = (byte) (10 * x + y);
                p[o + 1] = (byte) (100 + 10 * x + y);
                p[o + 2] = (byte) 200;
            }
        }
        RgbImage cut = ClipPreprocessing.resizeAndCrop(new RgbImage(5, 2, p), 2);
        assertThat(cut.rgb(0, 0)).containsExactly(20, 120, 200);
        assertThat(cut.rgb(1, 1)).containsExactly(31, 131, 200);
        float[] pixels = ClipPreprocessing.pixels(new RgbImage(5, 2, p), 2);
        assertThat(pixels[0]).isCloseTo(normalised(20, 0), within(1e-6f));      // red plane first
        assertThat(pixels[4 + 3]).isCloseTo(normalised(131, 1), within(1e-6f));  // green plane, (1, 1)
        assertThat(pixels[8 + 1]).isCloseTo(normalised(200, 2), within(1e-6f));  // blue plane
        // 4 x 2: offset round(1.0) = 1
        assertThat(ClipPreprocessing.resizeAndCrop(new RgbImage(4, 2, java.util.Arrays.copyOf(p, 24)), 2).width()).isEqualTo(2);
    }

    @Test
    void a_flat_picture_stays_flat_through_every_step() {
        RgbImage flat = org.instancecap.vision.video.SyntheticVideos.flat(37, 23, 128, 64, 200);
        float[] pixels = ClipPreprocessing.pixels(flat, 8);
        for (int i = 0; i < 64; i++) {
            assertThat(pixels[i]).isCloseTo(normalised(128, 0), within(1e-6f));
            assertThat(pixels[64 + i]).isCloseTo(normalised(64, 1), within(1e-6f));
            assertThat(pixels[128 + i]).isCloseTo(normalised(200, 2), within(1e-6f));
        }
    }
}
