package org.instancecap.vision.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class SamTransformTest {

    @Test
    void long_side_becomes_1024_as_in_sams_resize() {
        assertThat(SamTransform.fit(1280, 720, 1024)).isEqualTo(new SamTransform(1280, 720, 1024, 1024, 576));
        assertThat(SamTransform.fit(720, 1280, 1024)).isEqualTo(new SamTransform(720, 1280, 1024, 576, 1024));
        assertThat(SamTransform.fit(1000, 333, 1024)).isEqualTo(new SamTransform(1000, 333, 1024, 1024, 341));
    }

    @Test
    void encoder_input_is_normalised_and_zero_padded_right_and_below() {
        byte[] px = new byte[1280 * 720 * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) 200;
            px[i + 1] = (byte) 100;
            px[i + 2] = (byte) 50;
        }
        SamTransform t = SamTransform.fit(1280, 720, 1024);

        float[] input = t.normalisedPadded(new RgbImage(1280, 720, px));

        int plane = 1024 * 1024;
        assertThat(input).hasSize(3 * plane);
        float[] inside = {input[575 * 1024 + 1023], input[plane + 575 * 1024 + 1023], input[2 * plane]};
        assertThat(inside).containsExactly(new float[] {
                (200 - 123.675f) / 58.395f, (100 - 116.28f) / 57.12f, (50 - 103.53f) / 57.375f}, within(1e-5f));
        assertThat(Arrays.copyOfRange(input, 576 * 1024, plane)).containsOnly(0f);
    }

    @Test
    void box_corners_scale_with_the_frame() {
        SamTransform t = SamTransform.fit(1280, 720, 1024);

        assertThat(t.point(100, 200)).containsExactly(80, 160);
        assertThat(t.point(1280, 720)).containsExactly(1024, 576);
    }

    @Test
    void frame_sized_logits_threshold_at_zero() {
        SamTransform t = SamTransform.fit(3, 2, 1024);
        float[] logits = {1, -1, 0.01f, -0.01f, 0, 5};

        assertThat(t.fromFrameLogits(logits, 0, 3, 2).bits()).containsExactly(1, 0, 1, 0, 0, 1);
    }
}
