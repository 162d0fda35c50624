package org.ouroboros.experiments.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ouroboros.data.tokens.BlockSet;
import org.ouroboros.experiments.metrics.Diversity;
import org.ouroboros.experiments.metrics.SampleText;
import org.ouroboros.experiments.metrics.SelfBleu;
import org.ouroboros.trainer.eval.Evaluator;
import org.ouroboros.trainer.eval.LengthBatches;
import org.ouroboros.trainer.engine.LanguageModel;

/** The measurements of docs/science.md that need a model or decoded samples. */
final class Measurements {
    private Measurements() {
    }

    /** Test perplexity overall and per category. */
    record TestScores(double perplexity, Map<String, GenerationRecord.CategoryScore> categories, double[] blockNll) {
    }

    static TestScores test(LanguageModel model, BlockSet test, int batchSize) {
        Evaluator.BlockScores s = Evaluator.score(model, test.blocks(), batchSize);
        Map<String, double[]> sums = new TreeMap<>();
        for (int i = 0; i < test.size(); i++) {
            double[] acc = sums.computeIfAbsent(test.categoryName(i), k -> new double[2]);
            acc[0] += s.nll()[i];
            acc[1] += s.tokens()[i];
        }
        Map<String, GenerationRecord.CategoryScore> cats = new LinkedHashMap<>();
        sums.forEach((k, v) -> cats.put(k, new GenerationRecord.CategoryScore(Math.exp(v[0] / v[1]), (long) v[1])));
        return new TestScores(s.perplexity(), cats, s.nll());
    }

    /**
     * Mean next-token entropy (nats) of {@code model} over the positions of each row from {@code from} to the
     * second-to-last (the positions that predict a token of the row). Rows of equal length share batches.
     */
    static double meanEntropy(LanguageModel model, List<int[]> rows, int from, int batchSize) {
        double sum = 0;
        long count = 0;
        for (LengthBatches.Chunk chunk : LengthBatches.of(rows, r -> r.length >= 2 && r.length - 1 > from, batchSize)) {
            int len = chunk.length();
            double[] h = model.tokenEntropy(chunk.padded());
            for (int r = 0; r < chunk.rows(); r++) {
                for (int t = from; t < len - 1; t++) {
                    sum += h[r * len + t];
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Self-BLEU (orders 2, 3, the headline n, 5), distinct-1/2 and unigram entropy of decoded samples. */
    record TextScores(double selfBleu, double selfBleu2, double selfBleu3, double selfBleu5, Diversity diversity) {
    }

    static TextScores text(List<String> samples, int maxN) {
        List<String[]> words = new ArrayList<>(samples.size());
        for (String s : samples) {
            words.add(SampleText.split(s));
        }
        double[] bleu = SelfBleu.upTo(words, Math.max(5, maxN));
        return new TextScores(bleu[maxN - 1], bleu[1], bleu[2], bleu[4], Diversity.of(words));
    }
}
