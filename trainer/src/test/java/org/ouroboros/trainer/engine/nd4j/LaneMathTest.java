package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/** The tier-independent exp and lane sum: accuracy against StrictMath, vector lanes equal to the scalar form. */
class LaneMathTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();

    @Test
    void expIsWithinTwoUlpAndItsLanesEqualTheScalarForm() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 1 << 20;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            // half spread over the whole finite range, half near 0 where softmax inputs mostly are
            x[i] = (float) (i % 2 == 0 ? rng.nextDouble(-87.3, 88.37) : rng.nextDouble(-8, 1));
        }
        float[] lanes = new float[n];
        for (int i = 0; i < n; i += L) {
            LaneMath.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, i)).intoArray(lanes, i);
        }
        double worst = 0;
        for (int i = 0; i < n; i++) {
            float scalar = LaneMath.exp(x[i]);
            assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(lanes[i]), "lane vs scalar at x = " + x[i]);
            double exact = StrictMath.exp(x[i]);
            double ulps = Math.abs(scalar - exact) / Math.ulp((float) exact);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp");
    }

    @Test
    void expAtTheEdges() {
        float[] x = {0f, -0f, 1f, -1f, -87.3f, -87.4f, -200f, Float.NEGATIVE_INFINITY, 88.37f, 88.5f,
            Float.POSITIVE_INFINITY, Float.NaN, -1e-30f, 1e-30f, -103f, 50f};
        float[] in = new float[((x.length + L - 1) / L) * L];
        System.arraycopy(x, 0, in, 0, x.length);
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i += L) {
            LaneMath.exp(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, in, i)).intoArray(out, i);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToRawIntBits(LaneMath.exp(x[i])), Float.floatToRawIntBits(out[i]), "x = " + x[i]);
        }
        assertEquals(1f, LaneMath.exp(0f));
        assertEquals(1f, LaneMath.exp(-0f));
        assertEquals(0f, LaneMath.exp(-87.4f), "below 2^-126 flushes to zero");
        assertEquals(0f, LaneMath.exp(Float.NEGATIVE_INFINITY));
        assertTrue(Float.isFinite(LaneMath.exp(88.37f)), "finite up to 2^127.5");
        assertEquals(Float.POSITIVE_INFINITY, LaneMath.exp(88.5f));
        assertTrue(Float.isNaN(LaneMath.exp(Float.NaN)));
        assertEquals((float) Math.E, LaneMath.exp(1f), Math.ulp((float) Math.E));
        assertEquals(StrictMath.exp(-87.3f), LaneMath.exp(-87.3f), 2 * Math.ulp(1.2e-38f), "just above 2^-126");
    }

    @Test
    void laneSumAddsInLaneOrder() {
        float[] v = new float[L];
        v[0] = 1e8f;                           // (1e8 + 1) + 1 + ... rounds each 1 away; a tree would keep some
        for (int i = 1; i < L; i++) {
            v[i] = 1f;
        }
        v[L - 1] = -1e8f;
        float expected = v[0];
        for (int i = 1; i < L; i++) {
            expected += v[i];
        }
        assertEquals(expected, LaneMath.sum(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, v, 0)));
        assertEquals(0f, expected, "the example does depend on the order");
    }
}
