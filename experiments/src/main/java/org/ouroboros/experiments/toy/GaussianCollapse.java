package org.ouroboros.experiments.toy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Model collapse in its simplest form: a Gaussian refitted, generation after generation, to samples of
 * the previous fit. Generation 0 draws N samples from N(0, 1) and fits the mean and the MLE variance;
 * generation n &gt;= 1 draws N samples from fit n-1 and fits either those N ({@code replace}) or all samples
 * drawn so far, generation 0's included ({@code accumulate}).
 *
 * <p><b>Indexing of the theory.</b> The MLE variance of N samples has expectation (N-1)/N times the
 * variance they were drawn from, so fit 0 has E = (N-1)/N and, under replace, fit n has
 * E[sigma^2_n] = ((N-1)/N)^(n+1). The textbook form E[sigma^2_n] = ((N-1)/N)^n sigma^2_0 is the same statement
 * conditional on the generation-0 fit sigma^2_0. Each generation's theory column is the unconditional
 * ((N-1)/N)^(n+1), which the mean over trials matches within its standard error.
 *
 * <p>Trials are simulated as columns of plain arrays (generation outer, trial inner); accumulate keeps only
 * a running count, mean and sum of squared deviations per trial, merged with Chan's update, never the
 * samples.
 */
public final class GaussianCollapse {
    /** Trials per parallel chunk; fixed so results do not depend on the thread count. */
    static final int CHUNK = 250;

    private GaussianCollapse() {
    }

    /** Runs the experiment. */
    public static GaussianResult run(GaussianConfig config) {
        SplittableRandom[] streams = Trials.streams(config.seed(), config.trials());
        ChunkStats[] chunks = Trials.inChunks(config.trials(), CHUNK, ChunkStats[]::new,
                (from, to) -> simulate(config, streams, from, to));
        List<GaussianGeneration> generations = new ArrayList<>();
        for (int g = 0; g <= config.generations(); g++) {
            Moments variance = Moments.EMPTY;
            Moments w2 = Moments.EMPTY;
            for (ChunkStats chunk : chunks) {
                variance = variance.merge(chunk.variance[g]);
                w2 = w2.merge(chunk.w2[g]);
            }
            generations.add(new GaussianGeneration(g, variance.mean(), variance.standardError(),
                    theory(config, g), w2.mean()));
        }
        return new GaussianResult(config, "((N-1)/N)^(n+1): fit n is the (n+1)-th MLE fit in the chain", generations);
    }

    /** E[fitted variance at generation n], or null where no closed form is used. */
    static Double theory(GaussianConfig config, int n) {
        if (config.regime() == ToyRegime.ACCUMULATE && n > 0) {
            return null;
        }
        double shrink = (config.samples() - 1.0) / config.samples();
        return Math.pow(shrink, n + 1);
    }

    private record ChunkStats(Moments[] variance, Moments[] w2) {
    }

    private static ChunkStats simulate(GaussianConfig config, SplittableRandom[] streams, int from, int to) {
        int trials = to - from;
        boolean accumulate = config.regime() == ToyRegime.ACCUMULATE;
        Chains chains = new Chains(trials, config.samples());
        Moments[] varianceStats = new Moments[config.generations() + 1];
        Moments[] w2Stats = new Moments[config.generations() + 1];
        for (int g = 0; g <= config.generations(); g++) {
            for (int t = 0; t < trials; t++) {
                chains.step(t, streams[from + t], accumulate);
            }
            varianceStats[g] = Moments.of(chains.variance, 0, trials);
            w2Stats[g] = Moments.of(chains.w2, 0, trials);
        }
        return new ChunkStats(varianceStats, w2Stats);
    }

    /** The current fit of every trial in a chunk, as parallel arrays indexed by trial. */
    private static final class Chains {
        final double[] mean;
        final double[] variance;
        final double[] w2;
        final long[] poolCount;
        final double[] poolMean;
        final double[] poolM2;
        final double[] batch;

        Chains(int trials, int samples) {
            mean = new double[trials];
            variance = new double[trials];
            Arrays.fill(variance, 1.0); // generation 0 samples from the truth N(0, 1)
            w2 = new double[trials];
            poolCount = new long[trials];
            poolMean = new double[trials];
            poolM2 = new double[trials];
            batch = new double[samples];
        }

        /**
         * One generation of trial t: sample from its current fit, then refit. Samples are mean + sd * z, so
         * the fit is computed from the standard normal z and mapped back: the batch mean is mean + sd * mean(z)
         * and its squared deviations sd^2 * sum (z - mean(z))^2. Summing the x themselves would stop the
         * variance at the resolution of doubles near the mean (about 1e-32) after a few hundred generations.
         */
        void step(int t, SplittableRandom random, boolean accumulate) {
            int n = batch.length;
            double sum = 0;
            for (int s = 0; s < n; s++) {
                double z = random.nextGaussian();
                batch[s] = z;
                sum += z;
            }
            double zMean = sum / n;
            double zM2 = 0;
            for (int s = 0; s < n; s++) {
                double d = batch[s] - zMean;
                zM2 += d * d;
            }
            double sd = Math.sqrt(variance[t]);
            double batchMean = mean[t] + sd * zMean;
            double batchM2 = variance[t] * zM2;
            if (accumulate) {
                long before = poolCount[t];
                long after = before + n;
                double delta = batchMean - poolMean[t];
                poolMean[t] += delta * n / after;
                poolM2[t] += batchM2 + delta * delta * before * n / after; // Chan et al.'s merge
                poolCount[t] = after;
                mean[t] = poolMean[t];
                variance[t] = poolM2[t] / after;
            } else {
                mean[t] = batchMean;
                variance[t] = batchM2 / n;
            }
            double sdError = Math.sqrt(variance[t]) - 1.0;
            w2[t] = Math.sqrt(mean[t] * mean[t] + sdError * sdError);
        }
    }
}
