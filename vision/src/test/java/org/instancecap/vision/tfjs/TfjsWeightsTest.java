package org.instancecap.vision.tfjs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TfjsWeightsTest {

    @Test
    void float16_decodes_landmark_values() {
        assertThat(TfjsWeights.float16ToFloat(0x3c00)).isEqualTo(1.0f);
        assertThat(TfjsWeights.float16ToFloat(0xc000)).isEqualTo(-2.0f);
        assertThat(TfjsWeights.float16ToFloat(0x3555)).isEqualTo(0.33325195f);
        assertThat(TfjsWeights.float16ToFloat(0x7bff)).isEqualTo(65504f);
        assertThat(TfjsWeights.float16ToFloat(0x0400)).isEqualTo(0x1p-14f);
        assertThat(TfjsWeights.float16ToFloat(0x0001)).isEqualTo(0x1p-24f);
        assertThat(TfjsWeights.float16ToFloat(0x0000)).isEqualTo(0f);
        assertThat(Float.floatToIntBits(TfjsWeights.float16ToFloat(0x8000))).isEqualTo(Float.floatToIntBits(-0f));
        assertThat(TfjsWeights.float16ToFloat(0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(TfjsWeights.float16ToFloat(0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(TfjsWeights.float16ToFloat(0x7e00)).isNaN();
    }

    @Test
    void float16_matches_the_definition_for_every_finite_value() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int exponent = (bits >>> 10) & 0x1f;
            if (exponent == 0x1f) {
                continue;
            }
            int mantissa = bits & 0x3ff;
            double magnitude = exponent == 0 ? mantissa * Math.pow(2, -24) : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            double expected = (bits & 0x8000) != 0 ? -magnitude : magnitude;
            assertThat((double) TfjsWeights.float16ToFloat(bits)).as("half 0x%04x", bits).isEqualTo(expected);
        }
    }

    @Test
    void float16s_reads_little_endian_at_an_offset() {
        byte[] data = {9, 0x00, 0x3c, 0x00, (byte) 0xc0};
        assertThat(TfjsWeights.float16s(data, 1, 2)).containsExactly(1.0f, -2.0f);
    }

    @Test
    void dequantize_maps_uint8_with_scale_and_min() {
        byte[] data = {0, 1, (byte) 128, (byte) 255};
        assertThat(TfjsWeights.dequantize(data, 0, 4, 1, 0.5f, -1f)).containsExactly(-1f, -0.5f, 63f, 126.5f);
    }

    @Test
    void dequantize_maps_little_endian_uint16() {
        byte[] data = {7, 0x01, 0x00, (byte) 0xff, (byte) 0xff};
        assertThat(TfjsWeights.dequantize(data, 1, 2, 2, 0.25f, 10f)).containsExactly(10.25f, 10f + 65535 * 0.25f);
    }

    @Test
    void dequantize_rejects_other_widths() {
        assertThatThrownBy(() -> TfjsWeights.dequantize(new byte[8], 0, 2, 4, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 or 2 bytes");
    }
}
