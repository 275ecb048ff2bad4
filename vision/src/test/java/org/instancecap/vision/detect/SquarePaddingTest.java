package org.instancecap.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class SquarePaddingTest {

    /** Red = x, green = y, blue = 7, so each input pixel shows where it was sampled. */
    private static RgbImage ramp(int width, int height) {
        byte[] px = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int o = (y * width + x) * 3;
                px[o] = (byte) x;
                px[o + 1] = (byte) y;
                px[o + 2] = 7;
            }
        }
        return new RgbImage(width, height, px);
    }

    private static float at(float[] input, int size, int u, int v, int channel) {
        return input[(v * size + u) * 3 + channel];
    }

    @Test
    void wide_frame_is_scaled_by_its_width_and_padded_below() {
        SquarePadding padding = new SquarePadding(16, 8, 8);
        float[] input = new float[8 * 8 * 3];
        padding.fill(ramp(16, 8), input);
        assertThat(padding.scale()).isEqualTo(2);
        // half-pixel centres at scale 2: input pixel u averages source pixels 2u and 2u + 1
        assertThat(at(input, 8, 0, 0, 0)).isEqualTo(0.5f);
        assertThat(at(input, 8, 5, 0, 0)).isEqualTo(10.5f);
        assertThat(at(input, 8, 3, 2, 1)).isEqualTo(4.5f);
        assertThat(at(input, 8, 3, 2, 2)).isEqualTo(7f);
        assertThat(at(input, 8, 7, 3, 2)).isEqualTo(7f);
        // rows 4..7 lie below the frame: black
        for (int v = 4; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                assertThat(at(input, 8, u, v, 2)).as("blue at %d,%d", u, v).isZero();
            }
        }
    }

    @Test
    void tall_frame_is_padded_on_the_right() {
        float[] input = new float[8 * 8 * 3];
        new SquarePadding(4, 8, 8).fill(ramp(4, 8), input);
        assertThat(at(input, 8, 1, 5, 2)).isEqualTo(7f);
        assertThat(at(input, 8, 5, 5, 2)).isZero();
    }

    @Test
    void small_frame_is_enlarged_and_repeats_its_last_pixel_along_the_longer_side() {
        float[] input = new float[8 * 8 * 3];
        new SquarePadding(4, 2, 8).fill(ramp(4, 2), input);
        // scale 0.5: input pixel 7 samples source x = 3.25, past the last column 3
        assertThat(at(input, 8, 7, 0, 0)).isEqualTo(3f);
        assertThat(at(input, 8, 2, 0, 0)).isEqualTo(0.75f);
        assertThat(at(input, 8, 0, 7, 2)).isZero();
    }

    @Test
    void boxes_map_back_to_the_frame_and_are_clipped_to_it() {
        SquarePadding padding = new SquarePadding(1280, 720, 512);
        Box box = padding.toImage(100, 50, 200, 150);
        assertThat(box.x1()).isEqualTo(250);
        assertThat(box.y1()).isEqualTo(125);
        assertThat(box.x2()).isEqualTo(500);
        assertThat(box.y2()).isEqualTo(375);
        Box clipped = padding.toImage(-10, 250, 520, 400);
        assertThat(clipped).isEqualTo(new Box(0, 625, 1280, 720));
    }

    @Test
    void a_window_reads_its_part_of_the_frame_and_maps_boxes_with_its_offset() {
        SquarePadding.Window window = new SquarePadding.Window(6, 2, 4, 4);
        SquarePadding padding = new SquarePadding(16, 8, window, 8);
        float[] input = new float[8 * 8 * 3];
        padding.fill(ramp(16, 8), input);
        assertThat(padding.scale()).isEqualTo(0.5);
        assertThat(at(input, 8, 0, 0, 0)).isEqualTo(6f);
        assertThat(at(input, 8, 0, 0, 1)).isEqualTo(2f);
        assertThat(at(input, 8, 7, 7, 0)).isEqualTo(9f);
        assertThat(at(input, 8, 7, 7, 1)).isEqualTo(5f);
        assertThat(padding.toImage(2, 2, 4, 6)).isEqualTo(new Box(7, 3, 8, 5));
        assertThat(padding.toImage(0, 0, 100, 100)).isEqualTo(new Box(6, 2, 10, 6));
    }

    @Test
    void window_around_a_box_is_centred_then_kept_inside_the_frame() {
        SquarePadding.Window centred = SquarePadding.Window.around(new Box(500, 300, 540, 340), 120, 1280, 720);
        assertThat(centred).isEqualTo(new SquarePadding.Window(460, 260, 120, 120));
        SquarePadding.Window corner = SquarePadding.Window.around(new Box(1250, 700, 1280, 720), 300, 1280, 720);
        assertThat(corner).isEqualTo(new SquarePadding.Window(980, 420, 300, 300));
        SquarePadding.Window cut = SquarePadding.Window.around(new Box(100, 100, 200, 200), 900, 1280, 720);
        assertThat(cut).isEqualTo(new SquarePadding.Window(0, 0, 900, 720));
    }

    @Test
    void whole_frame_padding_is_recognised_for_reuse() {
        SquarePadding padding = new SquarePadding(640, 360, 512);
        assertThat(padding.fitsWhole(640, 360)).isTrue();
        assertThat(padding.fitsWhole(360, 640)).isFalse();
        assertThat(new SquarePadding(640, 360, new SquarePadding.Window(0, 0, 320, 360), 512).fitsWhole(640, 360)).isFalse();
        assertThat(new SquarePadding(1280, 720, 512).toImage(0, 0, 512, 512).x2()).isCloseTo(1280, within(1e-9));
    }
}
