package org.ouroboros.experiments.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * For every sample i and order k, BLEU's clipped n-gram count of i against all <em>other</em> samples: the
 * sum over i's k-grams g of min(count of g in i, max over samples j != i of count of g in j).
 *
 * <p>The max over the others is found without visiting them: per distinct n-gram we keep the largest
 * per-sample count, the sample holding it, and the second-largest count. For sample i the max over the
 * others is the largest count unless i alone holds it, and then the second-largest (if two samples tie for
 * the largest, the second-largest equals the largest). Total cost is linear in the number of n-grams.
 */
final class LeaveOneOutCounts {
    private LeaveOneOutCounts() {
    }

    /** {@code result[k-1][i]}: the clipped k-gram count of sample i against the others, k = 1..maxOrder. */
    static int[][] clippedCounts(List<int[]> samples, int maxOrder) {
        NgramIds ngrams = new NgramIds(samples);
        int[][] clipped = new int[maxOrder][];
        for (int k = 1; k <= maxOrder; k++) {
            clipped[k - 1] = clipOrder(ngrams.positions(), ngrams.distinct());
            if (k < maxOrder) {
                ngrams.advance();
            }
        }
        return clipped;
    }

    private static int[] clipOrder(int[][] positions, int distinct) {
        int[] largest = new int[distinct];
        int[] second = new int[distinct];
        int[] holder = new int[distinct];
        SampleCounts counts = new SampleCounts(distinct, positions);
        for (int i = 0; i < positions.length; i++) {
            int touched = counts.count(i);
            for (int j = 0; j < touched; j++) {
                int id = counts.touched[j];
                int count = counts.count[id];
                if (count > largest[id]) {
                    second[id] = largest[id];
                    largest[id] = count;
                    holder[id] = i;
                } else if (count > second[id]) {
                    second[id] = count;
                }
            }
        }
        int[] clipped = new int[positions.length];
        counts.reset();
        for (int i = 0; i < positions.length; i++) {
            int touched = counts.count(i);
            int sum = 0;
            for (int j = 0; j < touched; j++) {
                int id = counts.touched[j];
                int othersMax = holder[id] == i ? second[id] : largest[id];
                sum += Math.min(counts.count[id], othersMax);
            }
            clipped[i] = sum;
        }
        return clipped;
    }

    /**
     * Per-sample n-gram counts without sorting or clearing: {@code count[id]} is valid for the sample last
     * counted if {@code owner[id]} is that sample; {@code touched} lists the sample's distinct ids.
     */
    private static final class SampleCounts {
        final int[] count;
        final int[] owner;
        final int[] touched;
        private final int[][] positions;

        SampleCounts(int distinct, int[][] positions) {
            this.positions = positions;
            count = new int[distinct];
            owner = new int[distinct];
            int longest = 0;
            for (int[] p : positions) {
                longest = Math.max(longest, p.length);
            }
            touched = new int[longest];
            reset();
        }

        void reset() {
            Arrays.fill(owner, -1);
        }

        /** Counts sample i's n-grams; returns how many distinct ids it has (the first entries of touched). */
        int count(int i) {
            int distinct = 0;
            for (int id : positions[i]) {
                if (owner[id] != i) {
                    owner[id] = i;
                    count[id] = 0;
                    touched[distinct++] = id;
                }
                count[id]++;
            }
            return distinct;
        }
    }
}
