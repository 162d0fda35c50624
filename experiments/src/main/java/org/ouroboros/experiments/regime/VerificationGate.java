package org.ouroboros.experiments.regime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The verification gate of the {@code verify} regime: a synthetic block is kept only if its perplexity
 * under the generation-0 model is below a quantile of the real training blocks' gen-0 perplexities, it
 * repeats no real block or earlier kept block, and at least {@code minNovelty} of its n-grams do not occur
 * in the real training data.
 */
public final class VerificationGate {
    private final double threshold;
    private final double minNovelty;
    private final int n;
    private final Set<Long> realNgrams = new HashSet<>();
    private final Set<Long> realBlocks = new HashSet<>();

    public VerificationGate(List<int[]> real, double[] realGen0Perplexity, double quantile, double minNovelty,
                            int n) {
        this.threshold = quantile(realGen0Perplexity, quantile);
        this.minNovelty = minNovelty;
        this.n = n;
        for (int[] block : real) {
            realBlocks.add(hash(block, 0, block.length));
            for (int i = 0; i + n <= block.length; i++) {
                realNgrams.add(hash(block, i, n));
            }
        }
    }

    /** The gen-0 perplexity a kept block must stay below. */
    public double threshold() {
        return threshold;
    }

    /** Fraction of the block's n-grams absent from the real training data (1 for blocks shorter than n). */
    public double novelty(int[] block) {
        int total = block.length - n + 1;
        if (total <= 0) {
            return 1.0;
        }
        int novel = 0;
        for (int i = 0; i < total; i++) {
            if (!realNgrams.contains(hash(block, i, n))) {
                novel++;
            }
        }
        return (double) novel / total;
    }

    /** Each corpus with only the blocks that pass; duplicates are checked across the corpora in order. */
    public List<SyntheticCorpus> filter(List<SyntheticCorpus> history) {
        Set<Long> seen = new HashSet<>(realBlocks);
        List<SyntheticCorpus> out = new ArrayList<>();
        for (SyntheticCorpus c : history) {
            List<int[]> kept = new ArrayList<>();
            List<Double> ppl = new ArrayList<>();
            for (int i = 0; i < c.blocks().size(); i++) {
                int[] b = c.blocks().get(i);
                double p = c.gen0Perplexity()[i];
                if (p < threshold && novelty(b) >= minNovelty && seen.add(hash(b, 0, b.length))) {
                    kept.add(b);
                    ppl.add(p);
                }
            }
            out.add(new SyntheticCorpus(c.generation(), kept, ppl.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return out;
    }

    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static long hash(int[] tokens, int from, int length) {
        long h = 1125899906842597L ^ length;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + tokens[i];
            h ^= h >>> 29;
        }
        return h;
    }
}
