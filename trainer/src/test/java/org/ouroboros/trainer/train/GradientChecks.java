package org.ouroboros.trainer.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;

/** Central finite differences for gradient checks in double precision, shared by every engine's tests. */
public final class GradientChecks {
    /** The step h of the differences. */
    public static final double STEP = 1e-5;

    private GradientChecks() {
    }

    /**
     * {@code (f(x + h) - f(x - h)) / 2h} of {@code objective} in one parameter whose value {@code original}
     * {@code set} writes; the parameter is put back to {@code original} afterwards.
     */
    public static double central(DoubleConsumer set, double original, DoubleSupplier objective) {
        set.accept(original + STEP);
        double plus = objective.getAsDouble();
        set.accept(original - STEP);
        double minus = objective.getAsDouble();
        set.accept(original);
        return (plus - minus) / (2 * STEP);
    }

    /** The analytic and numeric derivatives agree to 1e-5 relative (or 1e-9 absolute, near 0). */
    public static void assertAgrees(double analytic, double numeric, String what) {
        double err = Math.abs(analytic - numeric) / Math.max(1e-6, Math.abs(analytic) + Math.abs(numeric));
        assertTrue(err < 1e-5 || Math.abs(analytic - numeric) < 1e-9,
                what + ": analytic " + analytic + " numeric " + numeric);
    }

    /** Log-softmax of {@code z[from, from + n)}, in double. */
    public static double[] logSoftmax(double[] z, int from, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, z[from + i]);
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.exp(z[from + i] - max);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = z[from + i] - max - Math.log(s);
        }
        return out;
    }
}
