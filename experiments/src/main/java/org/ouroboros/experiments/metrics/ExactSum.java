package org.ouroboros.experiments.metrics;

import java.util.Arrays;

/**
 * The correctly rounded sum of doubles (Shewchuk's exact partials, as Python's {@code math.fsum}). NLTK
 * combines the BLEU log-precisions with {@code fsum}; using the same summation keeps our scores equal to
 * NLTK's to the last bit in ordinary cases, and the mean over 100,000 samples free of accumulated error.
 */
final class ExactSum {
    private double[] partials = new double[8];
    private int count;

    /** Adds {@code x} exactly. */
    void add(double x) {
        int kept = 0;
        for (int i = 0; i < count; i++) {
            double y = partials[i];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                partials[kept++] = lo;
            }
            x = hi;
        }
        if (kept == partials.length) {
            partials = Arrays.copyOf(partials, kept * 2);
        }
        partials[kept++] = x;
        count = kept;
    }

    /** The sum of everything added, rounded once. */
    double value() {
        int n = count;
        if (n == 0) {
            return 0.0;
        }
        double hi = partials[--n];
        double lo = 0.0;
        while (n > 0) {
            double x = hi;
            double y = partials[--n];
            hi = x + y;
            lo = y - (hi - x);
            if (lo != 0.0) {
                break;
            }
        }
        // Round half-even across the remaining partials, as fsum does.
        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
            double y = lo * 2;
            double x = hi + y;
            if (y == x - hi) {
                hi = x;
            }
        }
        return hi;
    }

    /** The correctly rounded sum of {@code values}. */
    static double of(double... values) {
        ExactSum sum = new ExactSum();
        for (double v : values) {
            sum.add(v);
        }
        return sum.value();
    }
}
