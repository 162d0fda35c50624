package org.ouroboros.experiments.detect;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The detector's features of one block, none needing an external model: log perplexity under the
 * generation-0 model and under the current model, their difference (the log ratio), the share of repeated
 * 3-grams within the block, distinct-1 and distinct-2, and the length in tokens.
 */
public final class BlockFeatures {
    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of("log_ppl_gen0", "log_ppl_current", "log_ppl_ratio",
            "repeated_3grams", "distinct_1", "distinct_2", "length");

    private BlockFeatures() {
    }

    /** The feature vector of {@code block} given its two perplexities. */
    public static double[] of(int[] block, double gen0Perplexity, double currentPerplexity) {
        double l0 = Math.log(gen0Perplexity);
        double lc = Math.log(currentPerplexity);
        return new double[] {l0, lc, l0 - lc, repeatedShare(block, 3), distinct(block, 1), distinct(block, 2),
            block.length};
    }

    /** Share of the block's n-grams that repeat an earlier n-gram of the same block. */
    static double repeatedShare(int[] block, int n) {
        int total = block.length - n + 1;
        if (total <= 0) {
            return 0;
        }
        Map<Long, Integer> seen = new HashMap<>();
        int repeats = 0;
        for (int i = 0; i < total; i++) {
            if (seen.merge(key(block, i, n), 1, Integer::sum) > 1) {
                repeats++;
            }
        }
        return (double) repeats / total;
    }

    /** Distinct n-grams over n-grams within the block (1 for a block shorter than n). */
    static double distinct(int[] block, int n) {
        int total = block.length - n + 1;
        if (total <= 0) {
            return 1;
        }
        Set<Long> set = new HashSet<>();
        for (int i = 0; i < total; i++) {
            set.add(key(block, i, n));
        }
        return (double) set.size() / total;
    }

    private static long key(int[] b, int from, int n) {
        long h = 0;
        for (int i = from; i < from + n; i++) {
            h = h * 1_000_003L + b[i] + 1;
        }
        return h;
    }
}
