package org.ouroboros.experiments.metrics;

import java.util.List;

/**
 * Tail mass: the share of a corpus's tokens whose frequency in the real training data is at most k
 * (unseen tokens, frequency 0, included). Collapse moves mass out of the tail, so the synthetic corpus's
 * figure falls below the real data's.
 */
public final class TailMass {
    private TailMass() {
    }

    /**
     * Share of the tokens of {@code corpus} whose count in {@code realCounts} (indexed by token id; ids
     * beyond its end count 0) is {@code <= k}; NaN for an empty corpus.
     */
    public static double share(List<int[]> corpus, long[] realCounts, int k) {
        long total = 0;
        long tail = 0;
        for (int[] row : corpus) {
            for (int t : row) {
                long c = t >= 0 && t < realCounts.length ? realCounts[t] : 0;
                total++;
                if (c <= k) {
                    tail++;
                }
            }
        }
        return total == 0 ? Double.NaN : (double) tail / total;
    }

    /** Token counts of {@code corpus} over ids {@code 0..vocab-1} (ids outside are ignored). */
    public static long[] counts(List<int[]> corpus, int vocab) {
        long[] c = new long[vocab];
        for (int[] row : corpus) {
            for (int t : row) {
                if (t >= 0 && t < vocab) {
                    c[t]++;
                }
            }
        }
        return c;
    }
}
