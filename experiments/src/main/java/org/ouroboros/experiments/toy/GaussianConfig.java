package org.ouroboros.experiments.toy;

import java.util.Objects;
import org.ouroboros.cli.BadInputException;

/**
 * A Gaussian collapse experiment: R independent chains of G refits, each fitted to N samples.
 *
 * @param samples     N, samples drawn per generation (at least 2)
 * @param generations G, refits after generation 0; generations 0..G are reported
 * @param trials      R, independent chains (at least 2, for a standard error)
 * @param regime      replace or accumulate
 * @param seed        root of every trial's random stream
 */
public record GaussianConfig(int samples, int generations, int trials, ToyRegime regime, long seed) {
    public GaussianConfig {
        Objects.requireNonNull(regime, "regime");
        if (samples < 2) {
            throw new BadInputException("--samples must be at least 2 (a variance needs two points), got " + samples);
        }
        if (generations < 0) {
            throw new BadInputException("--generations must be >= 0, got " + generations);
        }
        if (trials < 2) {
            throw new BadInputException("--trials must be at least 2 (for a standard error), got " + trials);
        }
    }
}
