package org.ouroboros.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HalfFloatsTest {

    /** Bit patterns from the IEEE 754 binary16 definition, each paired with its exact float value. */
    @ParameterizedTest(name = "f16 0x{0} = {1}")
    @CsvSource({
        "0000, 0x0p0", "8000, -0x0p0", "3c00, 0x1p0", "c000, -0x1p1", "3555, 0x1.554p-2",
        "7bff, 65504", "0400, 0x1p-14", "03ff, 0x1.ff8p-15", "0001, 0x1p-24", "8001, -0x1p-24",
        "7c00, Infinity", "fc00, -Infinity",
    })
    void f16PatternsConvertExactlyBothWays(String hex, String value) {
        short bits = (short) Integer.parseInt(hex, 16);
        float f = Float.parseFloat(value);
        assertEquals(Float.floatToIntBits(f), Float.floatToIntBits(HalfFloats.f16ToFloat(bits)), hex);
        assertEquals(bits, HalfFloats.floatToF16(f), value);
    }

    /** Rounding cases worked out by hand: ulp(1) in binary16 is 2^-10, the smallest subnormal 2^-24. */
    @ParameterizedTest(name = "{0} -> f16 0x{1}")
    @CsvSource({
        "0x1.002p0, 3c00",         // 1 + 2^-11: halfway between 0x3c00 and 0x3c01, ties to even 0x3c00
        "0x1.006p0, 3c02",         // 1 + 3*2^-11: halfway between 0x3c01 and 0x3c02, ties to even 0x3c02
        "0x1.002002p0, 3c01",      // just above the first tie (by 2^-23) rounds up
        "0x1.001ffep0, 3c00",      // just below it rounds down
        "65519, 7bff",             // below the midpoint 65520 between max (65504) and 2^16
        "65520, 7c00",             // the midpoint ties to even, which is the infinity pattern
        "1e6, 7c00", "-1e6, fc00", "3.4028235e38, 7c00",
        "0x1p-25, 0000",           // half the smallest subnormal: tie, even is zero
        "0x1.000002p-25, 0001",    // just above it: the smallest subnormal
        "0x1.8p-24, 0002",         // 1.5 * 2^-24: tie between 1 and 2 ulps, even is 2
        "0x1.ffcp-15, 0400",       // 1023.5 * 2^-24: tie between max subnormal 0x3ff and min normal 0x400
        "0x1.ff4p-15, 03fe",       // 1022.5 * 2^-24: tie between 0x3fe and 0x3ff, even is 0x3fe
        "0x1.feap-15, 03fd",       // 1021.25 * 2^-24 rounds down inside the subnormal range
        "1e-10, 0000", "-1e-10, 8000", "1.4e-45, 0000",
        "0.1, 2e66",               // 0.1 = 0x1.99999ap-4 -> mantissa 0x266 after rounding up
    })
    void floatToF16RoundsToNearestEven(String value, String hex) {
        assertEquals((short) Integer.parseInt(hex, 16), HalfFloats.floatToF16(Float.parseFloat(value)), value);
    }

    @Test
    void nanStaysNanEvenWhenOnlyLowPayloadBitsAreSet() {
        for (int bits : new int[] {0x7fc00000, 0x7f800001, 0xff800001, 0x7fbfffff}) {
            float nan = Float.intBitsToFloat(bits);
            assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(nan))), Integer.toHexString(bits));
            assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(nan))), Integer.toHexString(bits));
        }
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat((short) 0x7e00)));
        assertTrue(Float.isNaN(HalfFloats.f16ToFloat((short) 0x7c01)));
        assertEquals((short) 0xfe00, HalfFloats.floatToF16(Float.intBitsToFloat(0xffc00000)), "sign kept");
    }

    @Test
    void everyF16PatternSurvivesWideningAndNarrowing() {
        for (int h = 0; h < 0x10000; h++) {
            float f = HalfFloats.f16ToFloat((short) h);
            if (Float.isNaN(f)) {
                assertTrue((h & 0x7c00) == 0x7c00 && (h & 0x3ff) != 0, Integer.toHexString(h));
                continue;
            }
            assertEquals((short) h, HalfFloats.floatToF16(f), Integer.toHexString(h));
        }
    }

    /**
     * Independent oracle: for every pair of adjacent positive finite binary16 values, their exact midpoint
     * must round to the one with an even pattern, and the floats just beside it to the nearer neighbour.
     */
    @Test
    void f16MidpointsBetweenAllNeighboursTieToEven() {
        for (int h = 0; h < 0x7bff; h++) {
            double lo = HalfFloats.f16ToFloat((short) h);
            double hi = HalfFloats.f16ToFloat((short) (h + 1));
            float mid = (float) ((lo + hi) / 2);
            assertEquals((lo + hi) / 2, mid, 0.0, "midpoint exact in float32");
            short even = (short) ((h & 1) == 0 ? h : h + 1);
            assertEquals(even, HalfFloats.floatToF16(mid), "tie at " + mid);
            assertEquals((short) h, HalfFloats.floatToF16(Math.nextDown(mid)), "below " + mid);
            assertEquals((short) (h + 1), HalfFloats.floatToF16(Math.nextUp(mid)), "above " + mid);
            assertEquals((short) (h | 0x8000), HalfFloats.floatToF16((float) -lo), "negative " + lo);
        }
    }

    @ParameterizedTest(name = "{0} -> bf16 0x{1}")
    @CsvSource({
        "1, 3f80", "-2, c000", "0, 0000", "-0.0, 8000", "Infinity, 7f80", "-Infinity, ff80",
        "0x1.01p0, 3f80",          // 1 + 2^-8: halfway between 0x3f80 and 0x3f81, ties to even
        "0x1.03p0, 3f82",          // 1 + 3*2^-8: halfway between 0x3f81 and 0x3f82, ties to even
        "0x1.010002p0, 3f81",      // just above the tie (by 2^-23)
        "3.4028235e38, 7f80",      // float32 max is past bf16's max+half-ulp: overflows to infinity
        "0x1.fep127, 7f7f",        // bf16 max itself
        "0x1p-133, 0001",          // smallest bf16 subnormal
        "1.4e-45, 0000",           // float32's smallest subnormal rounds to zero
        "0.1, 3dcd",               // 0x3dcccccd -> 0x3dcd
    })
    void floatToBf16RoundsToNearestEven(String value, String hex) {
        assertEquals((short) Integer.parseInt(hex, 16), HalfFloats.floatToBf16(Float.parseFloat(value)), value);
    }

    @Test
    void bf16MidpointsBetweenAllNeighboursTieToEven() {
        for (int h = 0; h < 0x7f7f; h++) {
            double lo = HalfFloats.bf16ToFloat((short) h);
            double hi = HalfFloats.bf16ToFloat((short) (h + 1));
            float mid = (float) ((lo + hi) / 2);
            assertEquals((lo + hi) / 2, mid, 0.0, "midpoint exact in float32");
            short even = (short) ((h & 1) == 0 ? h : h + 1);
            assertEquals(even, HalfFloats.floatToBf16(mid), "tie at " + mid);
            assertEquals((short) h, HalfFloats.floatToBf16(Math.nextDown(mid)), "below " + mid);
            assertEquals((short) (h + 1), HalfFloats.floatToBf16(Math.nextUp(mid)), "above " + mid);
            assertEquals((short) h, HalfFloats.floatToBf16(HalfFloats.bf16ToFloat((short) h)), "exact " + lo);
        }
    }
}
