package org.ouroboros.experiments.toy;

/**
 * Count, mean and sum of squared deviations of a set of values, merged exactly-enough across chunks with
 * Chan et al.'s pairwise update, so per-chunk statistics combine in a fixed order into the same numbers
 * whatever the thread count.
 *
 * @param count number of values
 * @param mean  their mean
 * @param m2    sum of squared deviations from the mean
 */
record Moments(long count, double mean, double m2) {
    static final Moments EMPTY = new Moments(0, 0.0, 0.0);

    /** Two-pass moments of {@code values[from, to)}. */
    static Moments of(double[] values, int from, int to) {
        int n = to - from;
        if (n == 0) {
            return EMPTY;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        double mean = sum / n;
        double m2 = 0;
        for (int i = from; i < to; i++) {
            double d = values[i] - mean;
            m2 += d * d;
        }
        return new Moments(n, mean, m2);
    }

    /** The moments of both sets together. */
    Moments merge(Moments other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long n = count + other.count;
        double delta = other.mean - mean;
        return new Moments(n, mean + delta * other.count / n, m2 + other.m2 + delta * delta * count * other.count / n);
    }

    /** Unbiased sample variance (n - 1 denominator); NaN below two values. */
    double sampleVariance() {
        return count < 2 ? Double.NaN : m2 / (count - 1);
    }

    /** Standard error of the mean: sqrt(sample variance / n). */
    double standardError() {
        return Math.sqrt(sampleVariance() / count);
    }
}
