package org.ouroboros.experiments.regime;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How generation n >= 1's training set is built from the real training blocks and the synthetic corpora
 * of generations 0..n-1 (docs/science.md lists the regimes). Generation 0 always trains on real data.
 */
public interface Regime {
    /** The name in CSVs and plots. */
    String label();

    /**
     * The training set of {@code generation}; {@code history.get(i)} is generation i's synthetic corpus.
     * All randomness comes from {@code rng}, seeded by (run seed, regime, generation).
     */
    TrainingSet build(int generation, List<int[]> real, List<SyntheticCorpus> history, SplittableRandom rng);
}
