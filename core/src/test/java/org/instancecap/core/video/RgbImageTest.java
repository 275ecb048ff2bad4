package org.instancecap.core.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class RgbImageTest {

    /** 3 wide, 2 high; pixel (x, y) has red = 10 * y + x. */
    private static RgbImage numbered() {
        byte[] p = new byte[3 * 2 * 3];
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                p[(y * 3 + x) * 3] = (byte) (10 * y + x);
            }
        }
        return new RgbImage(3, 2, p);
    }

    private static int red(RgbImage image, int x, int y) {
        return image.rgb(x, y)[0];
    }

    @Test
    void quarter_turn_counter_clockwise_moves_top_right_to_top_left() {
        RgbImage turned = numbered().rotateCounterClockwise(90);
        assertThat(turned.width()).isEqualTo(2);
        assertThat(turned.height()).isEqualTo(3);
        // top row 0 1 2 becomes the left column read upwards
        assertThat(red(turned, 0, 0)).isEqualTo(2);
        assertThat(red(turned, 0, 2)).isEqualTo(0);
        assertThat(red(turned, 1, 0)).isEqualTo(12);
    }

    @Test
    void half_turn_reverses_both_axes() {
        RgbImage turned = numbered().rotateCounterClockwise(180);
        assertThat(red(turned, 0, 0)).isEqualTo(12);
        assertThat(red(turned, 2, 1)).isEqualTo(0);
    }

    @Test
    void three_quarter_turn_is_a_clockwise_quarter_turn() {
        RgbImage turned = numbered().rotateCounterClockwise(270);
        assertThat(red(turned, 0, 0)).isEqualTo(10);
        assertThat(red(turned, 1, 0)).isEqualTo(0);
    }

    @Test
    void four_quarter_turns_give_the_original() {
        RgbImage image = numbered();
        RgbImage turned = image;
        for (int i = 0; i < 4; i++) {
            turned = turned.rotateCounterClockwise(90);
        }
        assertThat(turned.pixels()).isEqualTo(image.pixels());
    }

    @Test
    void buffered_image_keeps_colours() {
        RgbImage image = new RgbImage(1, 1, new byte[] {(byte) 200, 100, 50});
        BufferedImage b = image.toBufferedImage();
        assertThat(b.getRGB(0, 0) & 0xffffff).isEqualTo((200 << 16) | (100 << 8) | 50);
    }

    @Test
    void scaling_down_averages_the_pixels_covered() {
        byte[] p = new byte[4 * 2 * 3];
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 2; y++) {
                p[(y * 4 + x) * 3] = (byte) (x < 2 ? 10 : 200);
                p[(y * 4 + x) * 3 + 2] = (byte) (y == 0 ? 0 : 100);
            }
        }
        RgbImage small = new RgbImage(4, 2, p).scaled(2, 1);
        assertThat(small.rgb(0, 0)).containsExactly(10, 0, 50);
        assertThat(small.rgb(1, 0)).containsExactly(200, 0, 50);
        RgbImage same = numbered();
        assertThat(same.scaled(3, 2)).isSameAs(same);
    }

    @Test
    void rejects_wrong_pixel_count() {
        assertThatThrownBy(() -> new RgbImage(2, 2, new byte[5])).hasMessageContaining("12 bytes");
    }
}
