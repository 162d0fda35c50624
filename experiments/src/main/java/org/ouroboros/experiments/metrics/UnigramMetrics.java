package org.ouroboros.experiments.metrics;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well a synthetic corpus keeps the real unigram distribution, and its tail in particular:
 * {@code rare_recall} (do rare real tokens still appear at all?) and {@code unigram_kl} (how far has the
 * token distribution drifted?). Token ids index count arrays, so ids must lie in [0, vocabSize).
 */
public final class UnigramMetrics {
    /** docs/science.md's rarity threshold: a real-train token is rare if its frequency is at most 5. */
    public static final int DEFAULT_RARE_K = 5;

    private UnigramMetrics() {
    }

    /** {@code counts[id]} = occurrences of token id in {@code corpus}. */
    public static long[] counts(List<int[]> corpus, int vocabSize) {
        long[] counts = new long[vocabSize];
        for (int[] sample : corpus) {
            for (int id : sample) {
                if (id < 0 || id >= vocabSize) {
                    throw new IllegalArgumentException(
                            "token id " + id + " is outside the vocabulary [0, " + vocabSize + ")");
                }
                counts[id]++;
            }
        }
        return counts;
    }

    /**
     * Of the real-train tokens with 0 &lt; frequency &lt;= k, the fraction that appear at least once in
     * {@code synthetic}; NaN when the real corpus has no such token. Synthetic ids beyond the count array
     * are ignored (they are not rare real tokens).
     */
    public static double rareRecall(long[] realCounts, List<int[]> synthetic, int k) {
        requirePositive(k);
        boolean[] seen = new boolean[realCounts.length];
        for (int[] sample : synthetic) {
            for (int id : sample) {
                if (id >= 0 && id < seen.length) {
                    seen[id] = true;
                }
            }
        }
        long rare = 0;
        long recalled = 0;
        for (int id = 0; id < realCounts.length; id++) {
            if (realCounts[id] > 0 && realCounts[id] <= k) {
                rare++;
                recalled += seen[id] ? 1 : 0;
            }
        }
        return rare == 0 ? Double.NaN : (double) recalled / rare;
    }

    /** As {@link #rareRecall(long[], List, int)} with real counts as a map from token id to frequency. */
    public static double rareRecall(Map<Integer, Long> realCounts, List<int[]> synthetic, int k) {
        requirePositive(k);
        Set<Integer> rare = new HashSet<>();
        realCounts.forEach((id, count) -> {
            if (count > 0 && count <= k) {
                rare.add(id);
            }
        });
        if (rare.isEmpty()) {
            return Double.NaN;
        }
        long total = rare.size();
        for (int[] sample : synthetic) {
            for (int id : sample) {
                rare.remove(id);
            }
        }
        return (double) (total - rare.size()) / total;
    }

    /**
     * KL(real || synthetic) in nats between the add-one smoothed unigram distributions over the whole
     * vocabulary: p(v) = (real[v] + 1) / (R + V), q(v) = (synthetic[v] + 1) / (S + V). Arrays shorter than
     * {@code vocabSize} count as zero beyond their end.
     */
    public static double unigramKl(long[] realCounts, long[] syntheticCounts, int vocabSize) {
        if (vocabSize < 1 || realCounts.length > vocabSize || syntheticCounts.length > vocabSize) {
            throw new IllegalArgumentException("vocabSize " + vocabSize + " must be >= 1 and cover the counts ("
                    + realCounts.length + " real, " + syntheticCounts.length + " synthetic)");
        }
        double realTotal = sum(realCounts) + (double) vocabSize;
        double synthTotal = sum(syntheticCounts) + (double) vocabSize;
        ExactSum kl = new ExactSum();
        for (int v = 0; v < vocabSize; v++) {
            double p = (at(realCounts, v) + 1.0) / realTotal;
            double q = (at(syntheticCounts, v) + 1.0) / synthTotal;
            kl.add(p * Math.log(p / q));
        }
        return kl.value();
    }

    /** As {@link #unigramKl(long[], long[], int)} with counts as maps from token id to frequency. */
    public static double unigramKl(Map<Integer, Long> realCounts, Map<Integer, Long> syntheticCounts, int vocabSize) {
        return unigramKl(toArray(realCounts, vocabSize), toArray(syntheticCounts, vocabSize), vocabSize);
    }

    /** Entropy in nats of the distribution counts / total. */
    static double entropy(long[] counts, long total) {
        ExactSum h = new ExactSum();
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h.add(-p * Math.log(p));
            }
        }
        return h.value();
    }

    private static long[] toArray(Map<Integer, Long> counts, int vocabSize) {
        long[] out = new long[vocabSize];
        counts.forEach((id, count) -> {
            if (id < 0 || id >= vocabSize) {
                throw new IllegalArgumentException(
                        "token id " + id + " is outside the vocabulary [0, " + vocabSize + ")");
            }
            out[id] = count;
        });
        return out;
    }

    private static long at(long[] counts, int v) {
        return v < counts.length ? counts[v] : 0;
    }

    private static long sum(long[] counts) {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    private static void requirePositive(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("rarity threshold k must be >= 1, got " + k);
        }
    }
}
