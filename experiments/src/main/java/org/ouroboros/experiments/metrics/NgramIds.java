package org.ouroboros.experiments.metrics;

import java.util.List;

/**
 * Dense integer ids for the n-grams of a corpus, one order at a time. Order 1 maps every token to an id;
 * order k+1 names the n-gram starting at position p by the pair (id of the k-gram at p, id of the token at
 * p+k), so an n-gram of any length costs one hash lookup and never a string or list key.
 *
 * <p>{@link #positions()} holds, per sample, the id of the n-gram starting at each position; samples
 * shorter than the order have none.
 */
final class NgramIds {
    private final int[][] unigrams;
    private int[][] positions;
    private int order = 1;
    private int distinct;

    /** Order-1 ids of {@code samples}, whose token ids may be any ints. */
    NgramIds(List<int[]> samples) {
        long total = 0;
        for (int[] s : samples) {
            total += s.length;
        }
        LongIntHashMap ids = new LongIntHashMap((int) Math.min(1 << 20, total));
        unigrams = new int[samples.size()][];
        for (int i = 0; i < unigrams.length; i++) {
            int[] tokens = samples.get(i);
            int[] dense = new int[tokens.length];
            for (int p = 0; p < tokens.length; p++) {
                dense[p] = ids.idOf(tokens[p]);
            }
            unigrams[i] = dense;
        }
        positions = unigrams;
        distinct = ids.size();
    }

    /** The current n-gram order. */
    int order() {
        return order;
    }

    /** Number of distinct n-grams of the current order in the whole corpus; ids are 0 to distinct-1. */
    int distinct() {
        return distinct;
    }

    /** Per sample, the id of the current-order n-gram starting at each position. Do not modify. */
    int[][] positions() {
        return positions;
    }

    /** Moves to the next order: n-grams one token longer. */
    void advance() {
        long total = 0;
        for (int[] p : positions) {
            total += Math.max(0, p.length - 1);
        }
        LongIntHashMap ids = new LongIntHashMap((int) Math.min(1 << 20, total));
        int[][] next = new int[positions.length][];
        for (int i = 0; i < positions.length; i++) {
            int[] prefix = positions[i];
            int[] tokens = unigrams[i];
            int[] ngrams = new int[Math.max(0, prefix.length - 1)];
            for (int p = 0; p < ngrams.length; p++) {
                ngrams[p] = ids.idOf(((long) prefix[p] << 32) | tokens[p + order]);
            }
            next[i] = ngrams;
        }
        positions = next;
        distinct = ids.size();
        order++;
    }
}
