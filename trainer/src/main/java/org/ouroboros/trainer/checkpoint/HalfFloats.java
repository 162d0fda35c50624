package org.ouroboros.trainer.checkpoint;

/**
 * Conversions between float32 and the two 16-bit float formats checkpoints use: IEEE 754 binary16
 * ({@code F16}: 5 exponent bits, 10 mantissa bits) and bfloat16 ({@code BF16}: float32's top 16 bits).
 * Narrowing rounds to nearest, ties to even, overflows to infinity and keeps NaN a NaN; widening is exact,
 * subnormals included. (Java 20 added {@code Float.float16ToFloat}; we target Java 17.)
 */
public final class HalfFloats {
    private static final int F32_EXP_BIAS = 127;
    private static final int F16_EXP_BIAS = 15;
    private static final int F16_INF = 0x7c00;
    private static final int F16_QUIET_NAN_BIT = 0x0200;
    private static final int BF16_QUIET_NAN_BIT = 0x0040;

    private HalfFloats() {
    }

    /** The float32 value of the binary16 bit pattern {@code bits} (low 16 bits used). */
    public static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf, or NaN keeping its payload
        }
        if (exp == 0) {
            float magnitude = mant * 0x1p-24f; // zero or subnormal: mant * 2^-24, exact in float32
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exp - F16_EXP_BIAS + F32_EXP_BIAS) << 23) | (mant << 13));
    }

    /** The binary16 bit pattern nearest to {@code value} (ties to even). */
    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xff;
        int mant = bits & 0x7fffff;
        if (exp == 0xff) {
            // inf stays inf; a NaN keeps its top payload bits and gets the quiet bit so it cannot become inf
            return (short) (mant == 0 ? sign | F16_INF : sign | F16_INF | F16_QUIET_NAN_BIT | (mant >>> 13));
        }
        int e = exp - F32_EXP_BIAS + F16_EXP_BIAS; // biased binary16 exponent
        if (e >= 0x1f) {
            return (short) (sign | F16_INF);
        }
        if (e <= 0) {
            return (short) (sign | toF16Subnormal(exp, mant, e));
        }
        int rounded = roundShift(mant, 13, (e << 10) | (mant >>> 13));
        return (short) (sign | rounded); // a carry may reach the exponent, up to 0x7c00 = inf, as it should
    }

    /** The float32 value of the bfloat16 bit pattern {@code bits}: exact, it is float32's top half. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** The bfloat16 bit pattern nearest to {@code value} (ties to even). */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | BF16_QUIET_NAN_BIT);
        }
        int bias = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + bias) >>> 16);
    }

    /** Magnitude bits of a float32 (biased exponent {@code exp}) that lands in binary16's subnormal range. */
    private static int toF16Subnormal(int exp, int mant, int e) {
        if (e < -10) {
            return 0; // below half the smallest subnormal (2^-25): rounds to zero
        }
        int m = mant | 0x800000;                   // the implicit leading 1 (float32 subnormals returned above)
        int shift = 14 - e;                        // value = m * 2^(exp-150) = (m >> shift) * 2^-24
        return roundShift(m, shift, m >>> shift);
    }

    /** {@code truncated} rounded by the low {@code shift} bits of {@code source} it dropped, ties to even. */
    private static int roundShift(int source, int shift, int truncated) {
        int dropped = source & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        if (dropped > half || (dropped == half && (truncated & 1) == 1)) {
            return truncated + 1;
        }
        return truncated;
    }
}
