package org.ouroboros.experiments.regime;

import java.util.List;

/**
 * The training blocks one generation's model wrote, with each block's perplexity under the generation-0
 * model of the same seed (used by the verification gate and the histograms).
 *
 * @param generation      the generation whose model produced it
 * @param blocks          synthetic training blocks
 * @param gen0Perplexity  per block, aligned with {@code blocks}
 */
public record SyntheticCorpus(int generation, List<int[]> blocks, double[] gen0Perplexity) {
    public SyntheticCorpus {
        blocks = List.copyOf(blocks);
        if (gen0Perplexity.length != blocks.size()) {
            throw new IllegalArgumentException("need one perplexity per block: " + blocks.size() + " blocks, "
                    + gen0Perplexity.length + " perplexities");
        }
    }
}
