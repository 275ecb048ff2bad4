package org.instancecap.core.amc;

import static org.assertj.core.api.Assertions.assertThat;

import org.instancecap.core.detect.Box;
import org.instancecap.core.segment.Mask;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class InstanceFramesTest {

    /** A 300×150 checkerboard of 10-px black and white cells, left half reddish. */
    private static RgbImage board() {
        int w = 300;
        int h = 150;
        byte[] p = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = ((x / 10) + (y / 10)) % 2 == 0 ? 255 : 0;
                int o = (y * w + x) * 3;
                p[o] = (byte) (x < 150 ? 255 : v);
                p[o + 1] = (byte) v;
                p[o + 2] = (byte) v;
            }
        }
        return new RgbImage(w, h, p);
    }

    @Test
    void keeps_the_instance_sharp_and_smears_the_rest_keeping_its_colours() {
        RgbImage frame = board();
        Mask mask = Mask.ofBox(300, 150, new Box(100, 50, 140, 90));
        RgbImage out = InstanceFrames.blurBackground(frame, mask, 150);
        assertThat(out.width()).isEqualTo(300);
        assertThat(out.height()).isEqualTo(150);
        for (int y = 50; y < 90; y++) {
            for (int x = 100; x < 140; x++) {
                assertThat(out.rgb(x, y)).isEqualTo(frame.rgb(x, y));
            }
        }
        // the checkerboard is gone outside: neighbouring cells look alike
        int[] a = out.rgb(200, 20);
        int[] b = out.rgb(210, 20);
        assertThat(Math.abs(a[1] - b[1])).isLessThan(10);
        assertThat(a[1]).isBetween(100, 160);
        // but the layout stays: the reddish half is still redder than the grey half
        assertThat(out.rgb(20, 140)[0] - out.rgb(20, 140)[1]).isGreaterThan(out.rgb(280, 140)[0] - out.rgb(280, 140)[1] + 50);
    }

    @Test
    void a_mask_of_another_size_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                InstanceFrames.blurBackground(board(), Mask.ofBox(10, 10, new Box(0, 0, 5, 5)), 150))
                .hasMessageContaining("does not fit");
    }
}
