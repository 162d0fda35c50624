package org.ouroboros.experiments.metrics;

import java.util.List;

/**
 * Lexical diversity of a set of samples: distinct-1 and distinct-2 (unique n-grams / total n-grams over
 * all samples; n-grams never span two samples) and the unigram entropy of the pooled tokens in nats.
 * Collapse shows as all three falling across generations.
 *
 * @param samples        number of samples
 * @param tokens         total tokens over all samples
 * @param distinct1      unique unigrams / total unigrams (0 when there are no tokens)
 * @param distinct2      unique bigrams / total bigrams (0 when no sample has two tokens)
 * @param unigramEntropy -sum p log p over the pooled unigram distribution, nats
 */
public record Diversity(long samples, long tokens, double distinct1, double distinct2, double unigramEntropy) {

    /** The diversity of whitespace-tokenised samples. */
    public static Diversity of(List<String[]> samples) {
        return ofIds(Tokens.intern(samples));
    }

    /** The diversity of samples of token ids. */
    public static Diversity ofIds(List<int[]> samples) {
        NgramIds ngrams = new NgramIds(samples);
        long tokens = total(ngrams.positions());
        double entropy = entropy(ngrams.positions(), ngrams.distinct(), tokens);
        double distinct1 = ratio(ngrams.distinct(), tokens);
        ngrams.advance();
        double distinct2 = ratio(ngrams.distinct(), total(ngrams.positions()));
        return new Diversity(samples.size(), tokens, distinct1, distinct2, entropy);
    }

    /** Unique n-grams / total n-grams over all samples, for any n &gt;= 1 (0 when there are none). */
    public static double distinctN(List<int[]> samples, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n-gram order must be >= 1, got " + n);
        }
        NgramIds ngrams = new NgramIds(samples);
        while (ngrams.order() < n) {
            ngrams.advance();
        }
        return ratio(ngrams.distinct(), total(ngrams.positions()));
    }

    private static long total(int[][] positions) {
        long total = 0;
        for (int[] p : positions) {
            total += p.length;
        }
        return total;
    }

    private static double ratio(long unique, long total) {
        return total == 0 ? 0.0 : (double) unique / total;
    }

    private static double entropy(int[][] unigrams, int distinct, long tokens) {
        long[] counts = new long[distinct];
        for (int[] sample : unigrams) {
            for (int id : sample) {
                counts[id]++;
            }
        }
        return UnigramMetrics.entropy(counts, tokens);
    }
}
