package org.ouroboros.experiments.run;

import java.util.List;

/**
 * One row of {@code metrics.csv}: a (regime, seed, generation) and what was measured (docs/science.md). NaN
 * marks a value that was not measured (a failed generation).
 */
public record MetricsRow(String regime, long seed, int generation, int trainSequences, double realFraction,
                         double testPerplexity, double validPerplexity, double selfBleu, double selfBleu2,
                         double selfBleu3, double selfBleu5, double outputEntropy, double realOutputEntropy,
                         double unigramEntropy, double distinct1, double distinct2, double rareRecall,
                         double unigramKl, String status, int bestEpoch) {

    /** Column names, in CSV order. */
    public static final List<String> COLUMNS = List.of("regime", "seed", "generation", "train_sequences",
            "real_fraction", "test_perplexity", "valid_perplexity", "self_bleu", "self_bleu_2", "self_bleu_3",
            "self_bleu_5", "output_entropy", "real_output_entropy", "unigram_entropy", "distinct_1", "distinct_2",
            "rare_recall", "unigram_kl", "status", "best_epoch");

    /** A row for a generation that could not be completed. */
    public static MetricsRow failed(String regime, long seed, int generation, int trainSequences,
                                    double realFraction, String reason) {
        double nan = Double.NaN;
        return new MetricsRow(regime, seed, generation, trainSequences, realFraction, nan, nan, nan, nan, nan, nan,
                nan, nan, nan, nan, nan, nan, nan, "failed: " + reason.replace('\n', ' '), 0);
    }

    /** The same measurements under another regime label (generation 0 is shared by every regime). */
    public MetricsRow withRegime(String label) {
        return new MetricsRow(label, seed, generation, trainSequences, realFraction, testPerplexity,
                validPerplexity, selfBleu, selfBleu2, selfBleu3, selfBleu5, outputEntropy, realOutputEntropy,
                unigramEntropy, distinct1, distinct2, rareRecall, unigramKl, status, bestEpoch);
    }

    /** Cell values in {@link #COLUMNS} order; NaN becomes an empty cell. */
    public List<String> cells() {
        return List.of(regime, String.valueOf(seed), String.valueOf(generation), String.valueOf(trainSequences),
                num(realFraction), num(testPerplexity), num(validPerplexity), num(selfBleu), num(selfBleu2),
                num(selfBleu3), num(selfBleu5), num(outputEntropy), num(realOutputEntropy), num(unigramEntropy),
                num(distinct1), num(distinct2), num(rareRecall), num(unigramKl), status, String.valueOf(bestEpoch));
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.valueOf(v) : "";
    }
}
