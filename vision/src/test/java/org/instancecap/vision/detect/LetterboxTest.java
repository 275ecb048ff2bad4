package org.instancecap.vision.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class LetterboxTest {

    @Test
    void wide_and_tall_frames_are_centred_with_grey_bands() {
        assertThat(Letterbox.fit(1280, 720, 640, 640)).isEqualTo(new Letterbox(1280, 720, 640, 640, 640, 360, 0, 140));
        assertThat(Letterbox.fit(720, 1280, 640, 640)).isEqualTo(new Letterbox(720, 1280, 640, 640, 360, 640, 140, 0));
        assertThat(Letterbox.fit(1280, 720, 640, 384)).isEqualTo(new Letterbox(1280, 720, 640, 384, 640, 360, 0, 12));
        assertThat(Letterbox.fit(1000, 999, 640, 640)).isEqualTo(new Letterbox(1000, 999, 640, 640, 640, 639, 0, 0));
    }

    @Test
    void tensor_is_rgb_planes_in_0_1_with_grey_114_around_the_image() {
        byte[] px = new byte[4 * 2 * 3];
        for (int i = 0; i < 8; i++) {
            px[i * 3] = (byte) (10 * i);
            px[i * 3 + 1] = (byte) (100 + 10 * i);
            px[i * 3 + 2] = (byte) 250;
        }
        RgbImage image = new RgbImage(4, 2, px);
        Letterbox box = Letterbox.fit(4, 2, 8, 8);

        float[] t = box.toTensor(image);

        assertThat(box.top()).isEqualTo(2);
        int plane = 64;
        for (int ch = 0; ch < 3; ch++) {
            assertThat(t[ch * plane + 8 + 3]).as("grey above, channel %d", ch).isEqualTo(114 / 255f);
            assertThat(t[ch * plane + 7 * 8 + 5]).as("grey below, channel %d", ch).isEqualTo(114 / 255f);
        }
        // input (0, 2) shows image (0, 0); input (7, 5) shows image (3, 1)
        assertThat(new float[] {t[2 * 8], t[plane + 2 * 8], t[2 * plane + 2 * 8]})
                .containsExactly(new float[] {0, 100 / 255f, 250 / 255f}, within(1e-6f));
        assertThat(new float[] {t[5 * 8 + 7], t[plane + 5 * 8 + 7], t[2 * plane + 5 * 8 + 7]})
                .containsExactly(new float[] {70 / 255f, 170 / 255f, 250 / 255f}, within(1e-6f));
        // input x 2 samples image x 0.75: a quarter of column 0, three quarters of column 1
        assertThat(t[2 * 8 + 2]).isCloseTo((0.25f * 0 + 0.75f * 10) / 255f, within(1e-6f));
    }

    @Test
    void boxes_map_back_to_the_frame_and_are_clipped() {
        Letterbox box = Letterbox.fit(1280, 720, 640, 640);

        assertThat(box.toImage(0, 140, 640, 500)).isEqualTo(new Box(0, 0, 1280, 720));
        assertThat(box.toImage(420, 370, 220, 270)).isEqualTo(new Box(440, 260, 840, 460));
        assertThat(box.toImage(600, 100, 700, 150)).isEqualTo(new Box(1200, 0, 1280, 20));
    }
}
