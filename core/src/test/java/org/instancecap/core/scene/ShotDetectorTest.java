package org.instancecap.core.scene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

class ShotDetectorTest {

    /** A textured frame of a base colour, shifted right by {@code shift} pixels (camera motion). */
    private static RgbImage textured(int r, int g, int b, int shift, long seed) {
        int w = 64;
        int h = 36;
        Random noise = new Random(seed);
        byte[] p = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int stripe = ((x + shift) / 8 + y / 8) % 2 == 0 ? 20 : -20;
                int o = (y * w + x) * 3;
                p[o] = (byte) clamp(r + stripe + noise.nextInt(5));
                p[o + 1] = (byte) clamp(g + stripe + noise.nextInt(5));
                p[o + 2] = (byte) clamp(b + stripe + noise.nextInt(5));
            }
        }
        return new RgbImage(w, h, p);
    }

    private static RgbImage grey(int level) {
        byte[] p = new byte[16 * 9 * 3];
        java.util.Arrays.fill(p, (byte) level);
        return new RgbImage(16, 9, p);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    @Test
    void finds_hard_cuts_between_moving_shots() {
        ContentShotDetector detector = new ContentShotDetector(ContentShotDetector.Settings.DEFAULT);
        for (int i = 0; i < 90; i++) {
            RgbImage frame = i < 30 ? textured(200, 60, 40, i, i)
                    : i < 55 ? textured(40, 90, 200, 2 * i, i)
                    : textured(90, 200, 90, -i, i);
            detector.accept(frame);
        }
        assertThat(detector.cuts()).containsExactly(30, 55);
        assertThat(ShotDetector.shots(detector.cuts(), detector.frameCount(), 30, 15))
                .extracting(Shot::startFrame, Shot::endFrame)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple(0, 29),
                        org.assertj.core.api.Assertions.tuple(30, 54),
                        org.assertj.core.api.Assertions.tuple(55, 89));
    }

    @Test
    void a_slow_fade_is_not_a_cut() {
        ContentShotDetector detector = new ContentShotDetector(ContentShotDetector.Settings.DEFAULT);
        for (int i = 0; i < 100; i++) {
            detector.accept(grey(Math.min(255, i * 5)));
        }
        assertThat(detector.cuts()).isEmpty();
    }

    @Test
    void fade_through_black_is_cut_half_way() {
        FadeShotDetector fades = new FadeShotDetector(FadeShotDetector.DEFAULT_THRESHOLD);
        // bright 0..39, dark 40..59, bright again from 60
        for (int i = 0; i < 100; i++) {
            fades.accept(grey(i >= 40 && i < 60 ? 3 : 180));
        }
        assertThat(fades.cuts()).containsExactly(50);
    }

    @Test
    void opening_in_black_is_not_a_cut() {
        FadeShotDetector fades = new FadeShotDetector(FadeShotDetector.DEFAULT_THRESHOLD);
        for (int i = 0; i < 50; i++) {
            fades.accept(grey(i < 10 ? 0 : 150));
        }
        assertThat(fades.cuts()).isEmpty();
    }

    @Test
    void short_shots_are_merged_into_the_one_before() {
        List<Shot> shots = ShotDetector.shots(List.of(10, 12, 40), 50, 25, 5);
        assertThat(shots).extracting(Shot::startFrame).containsExactly(0, 10, 40);
        assertThat(shots.get(1).endFrame()).isEqualTo(39);
        assertThat(shots.get(2).endSeconds()).isEqualTo(2.0);
    }

    @Test
    void no_frames_no_shots() {
        assertThat(ShotDetector.shots(List.of(), 0, 25, 1)).isEmpty();
    }

    @Test
    void hsv_matches_opencv_scales() {
        float[] hsv = ContentShotDetector.hsv(new RgbImage(3, 1, new byte[] {
                (byte) 255, 0, 0,
                0, (byte) 255, 0,
                0, 0, (byte) 128}));
        assertThat(hsv).containsExactly(0f, 255f, 255f, 60f, 255f, 255f, 120f, 255f, 128f);
    }
}
