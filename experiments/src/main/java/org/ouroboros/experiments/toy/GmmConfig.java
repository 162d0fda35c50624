package org.ouroboros.experiments.toy;

import java.util.Arrays;
import java.util.Objects;
import org.ouroboros.cli.BadInputException;

/**
 * A Gaussian-mixture collapse experiment: a 1-D mixture with unit-variance components {@code spacing}
 * apart, refitted by EM each generation, R independent trials.
 *
 * @param weights     true component weights, each &gt; 0, summing to 1 (normalised exactly here)
 * @param spacing     distance between neighbouring component means (10 keeps them well separated)
 * @param samples     N, samples drawn per generation
 * @param generations G, refits after generation 0; generations 0..G are reported
 * @param trials      R, independent chains
 * @param regime      replace or accumulate
 * @param seed        root of every trial's random stream
 */
public record GmmConfig(double[] weights, double spacing, int samples, int generations, int trials,
                        ToyRegime regime, long seed) {
    /** Default distance between component means. */
    public static final double DEFAULT_SPACING = 10.0;
    /** Largest number of samples one accumulate trial may hold ((G+1) * N doubles, 512 MiB). */
    public static final long MAX_POOL = 1L << 26;

    public GmmConfig {
        Objects.requireNonNull(regime, "regime");
        weights = normalised(weights);
        if (!(spacing > 0)) {
            throw new BadInputException("component spacing must be > 0, got " + spacing);
        }
        if (samples < 1) {
            throw new BadInputException("--samples must be >= 1, got " + samples);
        }
        if (generations < 0) {
            throw new BadInputException("--generations must be >= 0, got " + generations);
        }
        if (trials < 1) {
            throw new BadInputException("--trials must be >= 1, got " + trials);
        }
        long pool = (long) (generations + 1) * samples;
        if (regime == ToyRegime.ACCUMULATE && pool > MAX_POOL) {
            throw new BadInputException("accumulate keeps every sample of a trial for EM: "
                    + "(generations + 1) x samples = " + pool + " exceeds " + MAX_POOL + "; lower --generations or --samples");
        }
    }

    /** Index of the component with the smallest true weight (the first, on ties). */
    public int minority() {
        int minority = 0;
        for (int k = 1; k < weights.length; k++) {
            if (weights[k] < weights[minority]) {
                minority = k;
            }
        }
        return minority;
    }

    /** A copy of the true weights. */
    @Override
    public double[] weights() {
        return weights.clone();
    }

    private static double[] normalised(double[] weights) {
        if (weights == null || weights.length < 2) {
            throw new BadInputException("--weights needs at least 2 components, e.g. 0.49,0.49,0.02; got "
                    + (weights == null ? "none" : Arrays.toString(weights)));
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new BadInputException("--weights must all be > 0, got " + Arrays.toString(weights));
            }
            sum += w;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new BadInputException(
                    "--weights must sum to 1, got " + Arrays.toString(weights) + " (sum " + sum + ")");
        }
        double[] out = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            out[k] = weights[k] / sum;
        }
        return out;
    }
}
