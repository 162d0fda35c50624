package org.ouroboros.experiments.toy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tail loss in a Gaussian mixture: a component of weight w is absent from a sample of N with probability
 * (1-w)^N, and once absent it never comes back under {@code replace}. Generation 0 draws N samples from the
 * true mixture; generation n &gt;= 1 draws N from fit n-1; EM (started from the sampled-from mixture, see
 * {@link MixtureEm}) refits on those N ({@code replace}) or on every sample drawn so far ({@code accumulate}).
 *
 * <p>EM needs the samples themselves, so accumulate keeps each trial's (G+1) x N samples. Trials run one
 * after another inside each chunk, so memory is one pool per running thread, (G+1) x N doubles (about
 * 0.8 MB for G = 100, N = 1000), whatever the number of trials; the time grows as G^2 N per trial.
 */
public final class GmmCollapse {
    /** Trials per parallel chunk; fixed so results do not depend on the thread count. */
    static final int CHUNK = 8;

    private GmmCollapse() {
    }

    /** Runs the experiment. */
    public static GmmResult run(GmmConfig config) {
        SplittableRandom[] streams = Trials.streams(config.seed(), config.trials());
        double threshold = survivalThreshold(config.samples());
        ChunkStats[] chunks = Trials.inChunks(config.trials(), CHUNK, ChunkStats[]::new,
                (from, to) -> simulate(config, threshold, streams, from, to));
        int components = config.weights().length;
        List<GmmGeneration> generations = new ArrayList<>();
        for (int g = 0; g <= config.generations(); g++) {
            double[] weights = new double[components];
            long survivors = 0;
            for (ChunkStats chunk : chunks) {
                for (int k = 0; k < components; k++) {
                    weights[k] += chunk.weightSums[g][k];
                }
                survivors += chunk.survivors[g];
            }
            for (int k = 0; k < components; k++) {
                weights[k] /= config.trials();
            }
            generations.add(new GmmGeneration(g, weights, (double) survivors / config.trials()));
        }
        return new GmmResult(config, threshold, generations);
    }

    /** Weight above which the minority component counts as surviving: 1/(10 N). */
    public static double survivalThreshold(int samples) {
        return 1.0 / (10.0 * samples);
    }

    private record ChunkStats(double[][] weightSums, long[] survivors) {
    }

    private static ChunkStats simulate(GmmConfig config, double threshold, SplittableRandom[] streams,
                                       int from, int to) {
        int n = config.samples();
        int minority = config.minority();
        boolean accumulate = config.regime() == ToyRegime.ACCUMULATE;
        double[][] weightSums = new double[config.generations() + 1][config.weights().length];
        long[] survivors = new long[config.generations() + 1];
        double[] pool = new double[accumulate ? (config.generations() + 1) * n : n];
        for (int t = from; t < to; t++) {
            SplittableRandom random = streams[t];
            Mixture fit = Mixture.spaced(config.weights(), config.spacing()); // generation 0 samples the truth
            int size = 0;
            for (int g = 0; g <= config.generations(); g++) {
                int offset = accumulate ? size : 0;
                fit.sample(random, pool, offset, n);
                size = offset + n;
                MixtureEm.fit(fit, pool, size);
                for (int k = 0; k < fit.components(); k++) {
                    weightSums[g][k] += fit.weight[k];
                }
                survivors[g] += fit.weight[minority] > threshold ? 1 : 0;
            }
        }
        return new ChunkStats(weightSums, survivors);
    }
}
