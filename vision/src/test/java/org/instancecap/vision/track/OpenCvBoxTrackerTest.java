package org.instancecap.vision.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.instancecap.core.detect.Box;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class OpenCvBoxTrackerTest {

    private final OpenCvBoxTracker tracker = new OpenCvBoxTracker();

    /** A grey frame with a textured square whose top-left corner is at (x, y), side {@code side}. */
    private static RgbImage frame(int x, int y, int side) {
        int w = 640;
        int h = 360;
        byte[] p = new byte[w * h * 3];
        java.util.Arrays.fill(p, (byte) 90);
        Random texture = new Random(7);
        int[][] pattern = new int[64][64];
        for (int[] row : pattern) {
            for (int i = 0; i < row.length; i++) {
                row[i] = texture.nextInt(256);
            }
        }
        for (int yy = 0; yy < side; yy++) {
            for (int xx = 0; xx < side; xx++) {
                int px = x + xx;
                int py = y + yy;
                if (px >= 0 && py >= 0 && px < w && py < h) {
                    int v = pattern[yy * 64 / side][xx * 64 / side];
                    int o = (py * w + px) * 3;
                    p[o] = (byte) v;
                    p[o + 1] = (byte) (255 - v);
                    p[o + 2] = (byte) (v / 2);
                }
            }
        }
        return new RgbImage(w, h, p);
    }

    @Test
    void follows_a_textured_square_that_moves() {
        Box moved = tracker.track(frame(100, 80, 96), new Box(100, 80, 196, 176), frame(130, 95, 96));
        assertThat(moved).isNotNull();
        assertThat(moved.x1()).isCloseTo(130, within(3.0));
        assertThat(moved.y1()).isCloseTo(95, within(3.0));
        assertThat(moved.width()).isCloseTo(96, within(6.0));
    }

    @Test
    void follows_a_square_that_grows() {
        Box moved = tracker.track(frame(200, 100, 100), new Box(200, 100, 300, 200), frame(190, 90, 120));
        assertThat(moved).isNotNull();
        assertThat(moved.width()).isCloseTo(120, within(10.0));
        assertThat(moved.centerX()).isCloseTo(250, within(4.0));
    }

    @Test
    void loses_an_object_that_left_the_frame() {
        Box moved = tracker.track(frame(500, 100, 96), new Box(500, 100, 596, 196), frame(700, 100, 96));
        assertThat(moved).isNull();
    }

    @Test
    void a_flat_region_cannot_be_followed() {
        RgbImage flat = frame(-500, -500, 10);
        assertThat(tracker.track(flat, new Box(100, 100, 200, 200), flat)).isNull();
    }
}
