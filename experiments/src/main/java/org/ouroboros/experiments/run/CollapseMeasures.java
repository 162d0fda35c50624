package org.ouroboros.experiments.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ouroboros.experiments.metrics.CompressionRatio;
import org.ouroboros.experiments.metrics.Mauve;
import org.ouroboros.experiments.metrics.TailMass;
import org.ouroboros.experiments.metrics.ZipfFit;
import org.ouroboros.trainer.eval.Evaluator;
import org.ouroboros.trainer.eval.HiddenStates;
import org.ouroboros.trainer.eval.LengthBatches;
import org.ouroboros.trainer.engine.LanguageModel;

/**
 * The collapse metrics of recent papers, per generation, as extra {@code metrics.csv} columns: tail mass,
 * compression ratio, Zipf exponent, self-perplexity, MAUVE against real test text (mean and standard
 * deviation over {@value #MAUVE_SEEDS} k-means seeds, on the generation-0 model's hidden states) and the
 * drift {@code kl_to_base}.
 */
final class CollapseMeasures {
    /** k-means seeds MAUVE is averaged over. */
    static final int MAUVE_SEEDS = 3;

    private CollapseMeasures() {
    }

    /** What one generation's measures need. */
    record Inputs(LanguageModel model, LanguageModel gen0, LanguageModel base, List<int[]> continuations, List<String> texts,
                  List<int[]> syntheticBlocks, List<int[]> testBlocks, long[] realCounts, int batchSize,
                  long seed) {
    }

    /** The measures, in column order. */
    static Map<String, Double> of(Inputs in) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("tail_mass_5", TailMass.share(in.continuations(), in.realCounts(), 5));
        m.put("tail_mass_50", TailMass.share(in.continuations(), in.realCounts(), 50));
        m.put("real_tail_mass_5", TailMass.share(in.testBlocks(), in.realCounts(), 5));
        m.put("real_tail_mass_50", TailMass.share(in.testBlocks(), in.realCounts(), 50));
        m.put("compression_ratio", CompressionRatio.of(in.texts()));
        int vocab = in.realCounts().length;
        m.put("zipf_alpha", ZipfFit.alpha(TailMass.counts(in.continuations(), vocab)));
        m.put("real_zipf_alpha", ZipfFit.alpha(TailMass.counts(in.testBlocks(), vocab)));
        List<int[]> scorable = in.syntheticBlocks().stream().filter(b -> b.length >= 2).toList();
        if (!scorable.isEmpty()) {
            m.put("self_perplexity", Evaluator.score(in.model(), scorable, in.batchSize()).perplexity());
            m.put("synthetic_gen0_perplexity", Evaluator.score(in.gen0(), scorable, in.batchSize()).perplexity());
        }
        List<int[]> samples = in.continuations().stream().filter(b -> b.length >= 1).toList();
        if (!samples.isEmpty() && !in.testBlocks().isEmpty()) {
            double[][] p = HiddenStates.meanFinal(in.gen0(), samples, in.batchSize());
            double[][] q = HiddenStates.meanFinal(in.gen0(), in.testBlocks(), in.batchSize());
            SplittableRandom rng = new SplittableRandom(in.seed());
            double[] scores = new double[MAUVE_SEEDS];
            for (int s = 0; s < MAUVE_SEEDS; s++) {
                scores[s] = Mauve.score(p, q, rng.nextLong()).mauve();
            }
            m.put("mauve", mean(scores));
            m.put("mauve_sd", sd(scores));
        }
        m.put("kl_to_base", klToBase(in.base(), in.model(), in.testBlocks(), in.batchSize()));
        m.values().removeIf(v -> v == null || !Double.isFinite(v));
        return m;
    }

    /**
     * Mean over the positions of {@code blocks} that predict a token (all but each block's last) of
     * KL(p_base || p_model) in nats. Rows of equal length share batches.
     */
    static double klToBase(LanguageModel base, LanguageModel model, List<int[]> blocks, int batchSize) {
        double sum = 0;
        long count = 0;
        for (LengthBatches.Chunk chunk : LengthBatches.of(blocks, b -> b.length >= 2, batchSize)) {
            int len = chunk.length();
            float[][] pb = base.logits(chunk.padded());                      // [B*T][V]
            float[][] pm = model.logits(chunk.padded());
            for (int r = 0; r < chunk.rows(); r++) {
                for (int t = 0; t < len - 1; t++) {
                    sum += kl(pb[r * len + t], pm[r * len + t]);
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** KL(softmax(a) || softmax(b)) of two logit rows. */
    static double kl(float[] a, float[] b) {
        double[] la = logSoftmax(a);
        double[] lb = logSoftmax(b);
        double s = 0;
        for (int i = 0; i < la.length; i++) {
            s += Math.exp(la[i]) * (la[i] - lb[i]);
        }
        return Math.max(0, s);
    }

    private static double[] logSoftmax(float[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (float v : z) {
            s += Math.exp(v - max);
        }
        double log = max + Math.log(s);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] - log;
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n - 1). */
    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return v.length < 2 ? 0 : Math.sqrt(s / (v.length - 1));
    }
}
