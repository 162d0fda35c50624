package org.ouroboros.experiments.toy;

import java.util.Arrays;

/**
 * Expectation-maximisation for a one-dimensional Gaussian mixture with a fixed number of components,
 * started from the mixture's current parameters. Starting each generation from the distribution its
 * sample was drawn from keeps component labels aligned across generations, so each component's weight can
 * be followed; the randomness of the experiment is all in the seeded sampling.
 *
 * <p>A component whose total responsibility falls below {@link #DEAD_MASS} samples has lost its data: it is
 * set to weight 0 and stays dead (its mean and variance freeze) instead of producing 0/0. Variances are
 * floored at {@link #VARIANCE_FLOOR} so a component fitted to a single distinct point keeps a finite
 * density.
 */
final class MixtureEm {
    /** Effective sample count below which a component is dead. */
    static final double DEAD_MASS = 1e-8;
    /** Smallest variance a component may have. */
    static final double VARIANCE_FLOOR = 1e-6;
    static final int MAX_ITERATIONS = 200;
    /** Stop when the mean log-likelihood per point improves by less than this. */
    static final double TOLERANCE = 1e-10;

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private MixtureEm() {
    }

    /** Refits {@code mixture} in place to {@code x[0, n)}; returns the number of iterations run. */
    static int fit(Mixture mixture, double[] x, int n) {
        int components = mixture.components();
        double[] logDensity = new double[components];
        double[] mass = new double[components];
        double[] shift = new double[components];
        double[] shiftSquared = new double[components];
        double previous = Double.NEGATIVE_INFINITY;
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            Arrays.fill(mass, 0);
            Arrays.fill(shift, 0);
            Arrays.fill(shiftSquared, 0);
            double logLikelihood = expectation(mixture, x, n, logDensity, mass, shift, shiftSquared);
            maximisation(mixture, n, mass, shift, shiftSquared);
            if (logLikelihood - previous < TOLERANCE * n) {
                break;
            }
            previous = logLikelihood;
        }
        return iteration;
    }

    /**
     * Accumulates, per live component, the responsibility mass and the first two responsibility-weighted
     * moments of x about the component's current mean; returns the log-likelihood.
     */
    private static double expectation(Mixture m, double[] x, int n, double[] density,
                                      double[] mass, double[] shift, double[] shiftSquared) {
        int components = m.components();
        double[] logNorm = new double[components];
        double[] halfPrecision = new double[components];
        int[] live = new int[components];
        int alive = 0;
        for (int k = 0; k < components; k++) {
            if (m.alive(k)) {
                live[alive++] = k;
                logNorm[k] = Math.log(m.weight[k]) - 0.5 * (LOG_2PI + Math.log(m.variance[k]));
                halfPrecision[k] = 0.5 / m.variance[k];
            }
        }
        double logLikelihood = 0;
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            double best = Double.NEGATIVE_INFINITY;
            int bestK = live[0];
            for (int j = 0; j < alive; j++) {
                int k = live[j];
                double d = xi - m.mean[k];
                density[k] = logNorm[k] - d * d * halfPrecision[k];
                if (density[k] > best) {
                    best = density[k];
                    bestK = k;
                }
            }
            double total = 0;
            for (int j = 0; j < alive; j++) {
                int k = live[j];
                density[k] = k == bestK ? 1.0 : Math.exp(density[k] - best);
                total += density[k];
            }
            logLikelihood += best + Math.log(total);
            double scale = 1.0 / total;
            for (int j = 0; j < alive; j++) {
                int k = live[j];
                double r = density[k] * scale;
                double d = xi - m.mean[k];
                mass[k] += r;
                shift[k] += r * d;
                shiftSquared[k] += r * d * d;
            }
        }
        return logLikelihood;
    }

    private static void maximisation(Mixture m, int n, double[] mass, double[] shift, double[] shiftSquared) {
        double liveMass = 0;
        for (int k = 0; k < m.components(); k++) {
            if (m.alive(k) && mass[k] < DEAD_MASS) {
                m.weight[k] = 0; // lost all its data: dead for good
            }
            if (m.alive(k)) {
                liveMass += mass[k];
            }
        }
        for (int k = 0; k < m.components(); k++) {
            if (m.alive(k)) {
                double meanShift = shift[k] / mass[k];
                m.weight[k] = mass[k] / liveMass;
                m.mean[k] += meanShift;
                m.variance[k] = Math.max(VARIANCE_FLOOR, shiftSquared[k] / mass[k] - meanShift * meanShift);
            }
        }
    }
}
