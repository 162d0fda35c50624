package org.ouroboros.experiments.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Self-BLEU: for each sample, the BLEU of that sample (hypothesis) against all other samples (references),
 * averaged over samples. High self-BLEU means the samples repeat each other: a symptom of collapse.
 *
 * <p>Each per-sample score is exactly NLTK 3.8's {@code sentence_bleu(others, sample, weights=(1/n,)*n,
 * smoothing_function=SmoothingFunction().method1)}:
 * <ul>
 *   <li>p_k = clipped k-gram count / max(1, number of k-grams of the hypothesis), where a k-gram's count is
 *       clipped to its largest count in any single reference; a hypothesis shorter than k has p_k = 0/1;</li>
 *   <li>a hypothesis with no matching unigram scores exactly 0, before any smoothing;</li>
 *   <li>method1 replaces a zero numerator by epsilon = 0.1, so p_k = 0.1 / denominator;</li>
 *   <li>brevity penalty with the reference length closest to the hypothesis length (ties: the shorter):
 *       1 if hyp_len &gt; ref_len, else exp(1 - ref_len / hyp_len);</li>
 *   <li>score = BP * exp(fsum_k (1/n) log p_k).</li>
 * </ul>
 * It is leave-one-out over all samples: a sample is never its own reference (the Texygen bug) and nothing
 * is subsampled. The cost is linear in the number of n-grams (see {@link LeaveOneOutCounts}), so 100,000
 * samples of 64 tokens take seconds rather than the hours of the pairwise definition.
 */
public final class SelfBleu {
    /** The usual maximum n-gram order (BLEU-4). */
    public static final int DEFAULT_MAX_N = 4;
    /** NLTK {@code SmoothingFunction().method1}'s epsilon, added to a zero clipped count. */
    public static final double EPSILON = 0.1;

    private SelfBleu() {
    }

    /** Self-BLEU-4 of whitespace-tokenised samples. */
    public static double selfBleu(List<String[]> samples) {
        return selfBleu(samples, DEFAULT_MAX_N);
    }

    /** Self-BLEU with uniform weights over orders 1..maxN of whitespace-tokenised samples. */
    public static double selfBleu(List<String[]> samples, int maxN) {
        return upTo(samples, maxN)[maxN - 1];
    }

    /** {@code result[n-1]} is self-BLEU-n, for n = 1..maxN; computed in one pass over the n-grams. */
    public static double[] upTo(List<String[]> samples, int maxN) {
        return upToIds(Tokens.intern(samples), maxN);
    }

    /** As {@link #upTo} for samples of token ids (any int values; equal ids are equal tokens). */
    public static double[] upToIds(List<int[]> samples, int maxN) {
        double[][] scores = sentenceScoresIds(samples, maxN);
        double[] means = new double[maxN];
        for (int n = 1; n <= maxN; n++) {
            ExactSum sum = new ExactSum();
            for (double s : scores[n - 1]) {
                sum.add(s);
            }
            means[n - 1] = sum.value() / samples.size();
        }
        return means;
    }

    /**
     * {@code result[n-1][i]}: NLTK's smoothed sentence BLEU-n of sample i against all others, n = 1..maxN.
     *
     * @throws IllegalArgumentException if there are fewer than two samples or maxN &lt; 1
     */
    public static double[][] sentenceScoresIds(List<int[]> samples, int maxN) {
        if (maxN < 1) {
            throw new IllegalArgumentException("max n-gram order must be >= 1, got " + maxN);
        }
        if (samples.size() < 2) {
            throw new IllegalArgumentException(
                    "self-BLEU needs at least 2 samples (each is scored against the others), got " + samples.size());
        }
        int[][] clipped = LeaveOneOutCounts.clippedCounts(samples, maxN);
        int[] lengths = new int[samples.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = samples.get(i).length;
        }
        ClosestLength closest = new ClosestLength(lengths);
        double[][] scores = new double[maxN][lengths.length];
        double[] logPrecision = new double[maxN];
        for (int i = 0; i < lengths.length; i++) {
            if (clipped[0][i] == 0) {
                continue; // no matching unigram: NLTK returns 0 before smoothing
            }
            int hypLen = lengths[i];
            for (int k = 1; k <= maxN; k++) {
                int denominator = Math.max(1, hypLen - k + 1);
                int numerator = clipped[k - 1][i];
                logPrecision[k - 1] = Math.log(numerator == 0
                        ? EPSILON / denominator
                        : (double) numerator / denominator);
            }
            double bp = brevityPenalty(closest.excludingOne(hypLen), hypLen);
            for (int n = 1; n <= maxN; n++) {
                scores[n - 1][i] = bp * Math.exp(weightedSum(logPrecision, n));
            }
        }
        return scores;
    }

    /** NLTK's brevity penalty for one hypothesis of length {@code hypLen}. */
    static double brevityPenalty(int refLen, int hypLen) {
        if (hypLen > refLen) {
            return 1.0;
        }
        if (hypLen == 0) {
            return 0.0;
        }
        return Math.exp(1.0 - (double) refLen / hypLen);
    }

    private static double weightedSum(double[] logPrecision, int n) {
        double weight = 1.0 / n;
        double[] terms = Arrays.copyOf(logPrecision, n);
        for (int k = 0; k < n; k++) {
            terms[k] *= weight;
        }
        return ExactSum.of(terms);
    }
}
