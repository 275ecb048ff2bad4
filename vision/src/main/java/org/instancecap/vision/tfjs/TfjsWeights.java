package org.instancecap.vision.tfjs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decoding of TF.js weight files: little-endian values, optionally stored as float16 or as uint8/uint16
 * with an affine dequantisation ({@code value = q * scale + min}).
 */
public final class TfjsWeights {

    private TfjsWeights() {
    }

    /** An IEEE 754 half-precision value (its 16 bits in the low bits of {@code bits}) as a float. */
    public static float float16ToFloat(int bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f;
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 127 - 15) << 23) | (mantissa << 13));
    }

    /** {@code count} little-endian float16 values from {@code data} at {@code offset}. */
    public static float[] float16s(byte[] data, int offset, int count) {
        ByteBuffer in = ByteBuffer.wrap(data, offset, count * 2).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = float16ToFloat(in.getShort() & 0xffff);
        }
        return out;
    }

    /** {@code count} unsigned integers of {@code bytesPerValue} (1 or 2) bytes, dequantised. */
    public static float[] dequantize(byte[] data, int offset, int count, int bytesPerValue, float scale, float min) {
        if (bytesPerValue != 1 && bytesPerValue != 2) {
            throw new IllegalArgumentException("quantised values have 1 or 2 bytes, got " + bytesPerValue);
        }
        ByteBuffer in = ByteBuffer.wrap(data, offset, count * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            int q = bytesPerValue == 1 ? in.get() & 0xff : in.getShort() & 0xffff;
            out[i] = q * scale + min;
        }
        return out;
    }

    static byte[] littleEndian(float[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(values);
        return out.array();
    }

    static byte[] littleEndian(int[] values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.asIntBuffer().put(values);
        return out.array();
    }
}
