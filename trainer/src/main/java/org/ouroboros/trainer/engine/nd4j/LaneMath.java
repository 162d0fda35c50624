package org.ouroboros.trainer.engine.nd4j;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two vector operations of {@link HostMath} whose rounding the vector API leaves to the JIT, written so
 * that every tier computes them alike: {@code exp} and the sum of a vector's lanes.
 *
 * <p>Why: {@code lanewise(EXP)} is Intel's SVML in C2-compiled code but a per-lane {@code Math.exp} in the
 * interpreter and C1, and the two round differently; {@code reduceLanes(ADD)} on floats has no specified
 * order. When C2 compiles a kernel depends on timing, so the same seed gave results that differed in the
 * last bits between runs (~1e-7 relative in a run's metrics), most on a loaded machine. Here {@code exp}
 * is built from multiplies, fused multiply-adds and exponent-bit arithmetic, all exactly rounded by IEEE 754
 * in every tier, and a lane sum adds lane 0, 1, 2, ... in that order. The scalar forms compute the same
 * values bit for bit, so a row's tail rounds as its vector body does.
 *
 * <p>{@code exp}: Cody-Waite reduction {@code x = n ln2 + r}, |r| <= ln2/2, with {@code n} rounded to nearest
 * by the 1.5 * 2^23 trick, and Cephes' degree-7 polynomial for {@code e^r}; within 2 ulp of the exact value
 * (tested against {@code StrictMath.exp}). Results below 2^-126 ({@code x < -87.34}) flush to 0, above
 * 2^127.5 ({@code x > 88.376}) become infinity; NaN stays NaN. (The kernels take exp of {@code x - max <= 0}.)
 */
final class LaneMath {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693145751953125f;       // 12 significant bits: n * LN2_HI is exact
    private static final float LN2_LO = 1.42860682030941723212e-6f;
    /** 1.5 * 2^23: adding it rounds to an integer held in the low mantissa bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    private static final float MIN_X = -87.33654475f;              // ln(2^-126)
    private static final float MAX_X = 88.37626f;                  // just below ln(2^127.5): n <= 127
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;

    private LaneMath() {
    }

    /** {@code e^x} in each lane, rounded the same in every JIT tier. */
    static FloatVector exp(FloatVector x) {
        FloatVector clamped = x.max(MIN_X).min(MAX_X);
        FloatVector t = clamped.fma(LOG2E, ROUNDER);                // ROUNDER + round(x log2 e)
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(of(-LN2_HI), clamped);
        r = n.fma(of(-LN2_LO), r);
        FloatVector p = r.fma(P0, P1).fma(r, of(P2)).fma(r, of(P3)).fma(r, of(P4)).fma(r, of(P5));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector bits = ((IntVector) t.viewAsIntegralLanes()).sub(ROUNDER_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23);               // 2^n as float bits
        FloatVector e = y.mul((FloatVector) bits.viewAsFloatingLanes());
        VectorMask<Float> under = x.compare(VectorOperators.LT, MIN_X);
        VectorMask<Float> over = x.compare(VectorOperators.GT, MAX_X);
        return e.blend(0f, under).blend(Float.POSITIVE_INFINITY, over);
    }

    private static FloatVector of(float c) {
        return FloatVector.broadcast(S, c);
    }

    /** {@code e^x} exactly as a lane of {@link #exp(FloatVector)} computes it. */
    static float exp(float x) {
        if (x < MIN_X) {
            return 0f;
        }
        if (x > MAX_X) {
            return Float.POSITIVE_INFINITY;
        }
        if (x != x) {
            return x;
        }
        float t = Math.fma(x, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_LO, Math.fma(n, -LN2_HI, x));
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, P0, P1), r, P2), r, P3), r, P4), r, P5);
        float y = Math.fma(p, r * r, r) + 1f;
        return y * Float.intBitsToFloat((Float.floatToRawIntBits(t) - (ROUNDER_BITS - 127)) << 23);
    }

    /** The lanes' sum, added in lane order: {@code ((v0 + v1) + v2) + ...}. */
    static float sum(FloatVector v) {
        float[] lanes = new float[L];
        v.intoArray(lanes, 0);
        float sum = lanes[0];
        for (int i = 1; i < L; i++) {
            sum += lanes[i];
        }
        return sum;
    }
}
