package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

/**
 * Metric options (definitions in docs/science.md).
 *
 * @param selfBleuMaxN    n of the headline self-BLEU (2, 3 and 5 are always reported too)
 * @param rareK           a real-train token is rare if its frequency is <= k (rare_recall)
 * @param evalBatchSize   blocks per forward pass when scoring
 * @param keepCheckpoints keep every generation's model (default: only generation 0 and the latest)
 * @param entropySamples  output entropy is averaged over at most this many samples (0 = all); it is a
 *                        mean, and each sample costs a forward pass
 */
public record MetricsConfig(Integer selfBleuMaxN, Integer rareK, Integer evalBatchSize, Boolean keepCheckpoints,
                            Integer entropySamples) {
    public MetricsConfig {
        selfBleuMaxN = orDefault(selfBleuMaxN, 4);
        rareK = orDefault(rareK, 5);
        evalBatchSize = orDefault(evalBatchSize, 32);
        keepCheckpoints = orDefault(keepCheckpoints, false);
        entropySamples = orDefault(entropySamples, 512);
        require(entropySamples >= 0, "metrics.entropy_samples", "must be >= 0");
        require(selfBleuMaxN >= 1, "metrics.self_bleu_max_n", "must be >= 1");
        require(rareK >= 1, "metrics.rare_k", "must be >= 1");
        require(evalBatchSize >= 1, "metrics.eval_batch_size", "must be >= 1");
    }

    static MetricsConfig defaults() {
        return new MetricsConfig(null, null, null, null, null);
    }
}
