package org.ouroboros.experiments.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.ouroboros.experiments.config.ExperimentConfig;

/**
 * What of one chain is on disk: how many of its generations are finished, whether nothing is left to run
 * (every generation, or up to one that failed), and the failure if one did.
 *
 * @param chain    the chain
 * @param expected generations it has (1 for generation 0, else the config's generations)
 * @param finished generations with a record on disk
 * @param complete nothing left to run
 * @param failure  the status of a failed generation (training diverged), else null
 */
public record ChainProgress(Chain chain, int expected, int finished, boolean complete, String failure) {

    /** Reads the chain's generation records in {@code layout}. */
    public static ChainProgress of(ExperimentConfig config, RunLayout layout, Chain chain) {
        GenerationRecord zero = stored(layout, chain.seed(), "", 0);
        if (chain.isGen0()) {
            return new ChainProgress(chain, 1, zero == null ? 0 : 1, zero != null, failure(zero, 0));
        }
        int generations = config.generations();
        if (zero == null || zero.failed()) {
            return new ChainProgress(chain, generations, 0, zero != null, failure(zero, 0));
        }
        for (int n = 1; n <= generations; n++) {
            GenerationRecord r = stored(layout, chain.seed(), chain.regime(), n);
            if (r == null) {
                return new ChainProgress(chain, generations, n - 1, false, null);
            }
            if (r.failed()) {
                return new ChainProgress(chain, generations, n, true, failure(r, n));
            }
        }
        return new ChainProgress(chain, generations, generations, true, null);
    }

    /** The record of a finished generation, else null. */
    static GenerationRecord stored(RunLayout layout, long seed, String regime, int generation) {
        Path dir = layout.generationDir(seed, regime, generation);
        return Files.isRegularFile(dir.resolve(GenerationRecord.FILE)) ? GenerationRecord.read(dir) : null;
    }

    private static String failure(GenerationRecord r, int generation) {
        return r == null || !r.failed() ? null : "generation " + generation + " " + r.metrics().status();
    }
}
