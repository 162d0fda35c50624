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
            int[][] sorted = sortedCopies(ngrams.positions());
            int distinct = ngrams.distinct();
            if (k < maxOrder) {
                ngrams.advance();
            }
            clipped[k - 1] = clipOrder(sorted, distinct);
        }
        return clipped;
    }

    private static int[] clipOrder(int[][] sorted, int distinct) {
        int[] largest = new int[distinct];
        int[] second = new int[distinct];
        int[] holder = new int[distinct];
        for (int i = 0; i < sorted.length; i++) {
            int[] ids = sorted[i];
            for (int start = 0, end; start < ids.length; start = end) {
                end = runEnd(ids, start);
                int id = ids[start];
                int count = end - start;
                if (count > largest[id]) {
                    second[id] = largest[id];
                    largest[id] = count;
                    holder[id] = i;
                } else if (count > second[id]) {
                    second[id] = count;
                }
            }
        }
        int[] clipped = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            int[] ids = sorted[i];
            int sum = 0;
            for (int start = 0, end; start < ids.length; start = end) {
                end = runEnd(ids, start);
                int id = ids[start];
                int othersMax = holder[id] == i ? second[id] : largest[id];
                sum += Math.min(end - start, othersMax);
            }
            clipped[i] = sum;
        }
        return clipped;
    }

    private static int runEnd(int[] sorted, int start) {
        int end = start + 1;
        while (end < sorted.length && sorted[end] == sorted[start]) {
            end++;
        }
        return end;
    }

    private static int[][] sortedCopies(int[][] positions) {
        int[][] sorted = new int[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            sorted[i] = positions[i].clone();
            Arrays.sort(sorted[i]);
        }
        return sorted;
    }
}
