package org.instancecap.core.scene;

import static org.assertj.core.api.Assertions.assertThat;

import org.instancecap.core.video.RgbImage;
import org.junit.jupiter.api.Test;

/** The fixed-point HSV against the exact formulas, over every 7th value of each channel. */
class ContentShotDetectorHsvTest {

    @Test
    void integer_hsv_is_the_exact_hsv_rounded_within_one_step() {
        int worstHue = 0;
        int worstSaturation = 0;
        for (int r = 0; r < 256; r += 7) {
            for (int g = 0; g < 256; g += 7) {
                for (int b = 0; b < 256; b += 7) {
                    float[] hsv = ContentShotDetector.hsv(new RgbImage(1, 1, new byte[] {(byte) r, (byte) g, (byte) b}));
                    int max = Math.max(r, Math.max(g, b));
                    int delta = max - Math.min(r, Math.min(g, b));
                    double degrees = 0;
                    if (delta > 0) {
                        degrees = max == r ? 60.0 * (g - b) / delta : max == g ? 120 + 60.0 * (b - r) / delta : 240 + 60.0 * (r - g) / delta;
                        degrees = (degrees + 360) % 360;
                    }
                    double hueError = Math.abs(hsv[0] - degrees / 2);
                    worstHue = Math.max(worstHue, (int) Math.ceil(Math.min(hueError, 180 - hueError) - 0.5));
                    double saturation = max == 0 ? 0 : 255.0 * delta / max;
                    worstSaturation = Math.max(worstSaturation, (int) Math.ceil(Math.abs(hsv[1] - saturation) - 0.5));
                    assertThat(hsv[2]).isEqualTo((float) max);
                    assertThat(hsv[0]).isBetween(0f, 179f);
                }
            }
        }
        // 0 would be exact rounding; the tables may round a half the other way
        assertThat(worstHue).isLessThanOrEqualTo(1);
        assertThat(worstSaturation).isLessThanOrEqualTo(1);
    }
}
