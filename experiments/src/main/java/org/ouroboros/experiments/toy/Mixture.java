package org.ouroboros.experiments.toy;

import java.util.SplittableRandom;

/**
 * A one-dimensional Gaussian mixture as three parallel arrays, updated in place by {@link MixtureEm}.
 * A component with weight 0 is dead: it is never sampled and EM leaves it alone.
 */
final class Mixture {
    final double[] weight;
    final double[] mean;
    final double[] variance;

    Mixture(double[] weight, double[] mean, double[] variance) {
        this.weight = weight.clone();
        this.mean = mean.clone();
        this.variance = variance.clone();
    }

    /** Components with means {@code spacing} apart (0, spacing, 2 spacing, ...) and unit variance. */
    static Mixture spaced(double[] weights, double spacing) {
        double[] means = new double[weights.length];
        double[] variances = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            means[k] = k * spacing;
            variances[k] = 1.0;
        }
        return new Mixture(weights, means, variances);
    }

    Mixture copy() {
        return new Mixture(weight, mean, variance);
    }

    int components() {
        return weight.length;
    }

    boolean alive(int k) {
        return weight[k] > 0;
    }

    /** Draws {@code n} samples into {@code out[offset, offset + n)}. */
    void sample(SplittableRandom random, double[] out, int offset, int n) {
        for (int i = 0; i < n; i++) {
            int k = pick(random.nextDouble());
            out[offset + i] = mean[k] + Math.sqrt(variance[k]) * random.nextGaussian();
        }
    }

    private int pick(double u) {
        double cumulative = 0;
        int last = 0;
        for (int k = 0; k < weight.length; k++) {
            if (weight[k] > 0) {
                cumulative += weight[k];
                last = k;
                if (u < cumulative) {
                    return k;
                }
            }
        }
        return last; // u beyond a cumulative sum that rounded below 1
    }
}
