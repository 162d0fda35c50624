package org.ouroboros.experiments.regime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ouroboros.experiments.config.DetectConfig;
import org.ouroboros.experiments.detect.BlockFeatures;
import org.ouroboros.experiments.detect.DetectorScores;
import org.ouroboros.experiments.detect.LogisticRegression;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.eval.Evaluator;

/**
 * Decontamination. Generation n's candidate pool is a scrape: a fraction p of the real training blocks and
 * synthetic blocks of generation n-1 up to the real set's size (the pool {@code mix p} trains on), with
 * no labels. A logistic-regression detector ({@link BlockFeatures}) is trained on a labeled sample of the
 * pool (labels from provenance), measured on a disjoint held-out sample, and scores every pool block;
 * flagged blocks are dropped or every block is down-weighted by 1 - p(synthetic).
 */
public final class DetectRegime implements Regime, ModelAware {
    /** Ridge penalty on the standardised detector weights. */
    static final double L2 = 1.0;
    private final String label;
    private final double realFraction;
    private final DetectConfig config;
    private final double[] realGen0Perplexity;
    private final int batchSize;
    private LanguageModel gen0;
    private LanguageModel current;

    public DetectRegime(String label, double realFraction, DetectConfig config, double[] realGen0Perplexity,
                        int batchSize) {
        this.label = label;
        this.realFraction = realFraction;
        this.config = config;
        this.realGen0Perplexity = realGen0Perplexity.clone();
        this.batchSize = batchSize;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void useModels(LanguageModel gen0, LanguageModel current) {
        this.gen0 = gen0;
        this.current = current;
    }

    @Override
    public TrainingSet build(int generation, List<int[]> real, List<SyntheticCorpus> history, SplittableRandom rng) {
        if (gen0 == null || current == null) {
            throw new IllegalStateException("detect needs the generation-0 and current models before build");
        }
        SyntheticCorpus previous = history.get(generation - 1);
        int realCount = (int) Math.round(realFraction * real.size());
        List<int[]> pool = new ArrayList<>();
        List<Double> gen0Ppl = new ArrayList<>();
        for (int i : Sampling.withoutReplacement(range(real.size()), realCount, rng)) {
            pool.add(real.get(i));
            gen0Ppl.add(realGen0Perplexity[i]);
        }
        for (int i : Sampling.withoutReplacement(range(previous.blocks().size()), real.size() - realCount, rng)) {
            pool.add(previous.blocks().get(i));
            gen0Ppl.add(previous.gen0Perplexity()[i]);
        }
        int[] label = new int[pool.size()];
        for (int i = realCount; i < pool.size(); i++) {
            label[i] = 1;
        }
        double[] currentPpl = Evaluator.score(current, pool, batchSize).blockPerplexities();
        double[][] features = new double[pool.size()][];
        for (int i = 0; i < pool.size(); i++) {
            features[i] = BlockFeatures.of(pool.get(i), gen0Ppl.get(i), currentPpl[i]);
        }
        return filter(pool, label, features, rng);
    }

    private TrainingSet filter(List<int[]> pool, int[] label, double[][] features, SplittableRandom rng) {
        List<Integer> picked = Sampling.withoutReplacement(range(pool.size()), 2 * config.samples(), rng);
        int train = Math.min(config.samples(), picked.size() / 2);
        List<Integer> fitRows = picked.subList(0, train);
        List<Integer> heldOut = picked.subList(train, picked.size());
        Map<String, Double> notes = new LinkedHashMap<>();
        notes.put("pool_synthetic_share", share(label, null));
        double[] p = new double[pool.size()];
        if (bothClasses(fitRows, label)) {
            LogisticRegression model = LogisticRegression.fit(rows(features, fitRows), labels(label, fitRows), L2);
            for (int i = 0; i < pool.size(); i++) {
                p[i] = model.probability(features[i]);
            }
            double[] held = heldOut.stream().mapToDouble(i -> p[i]).toArray();
            DetectorScores s = DetectorScores.of(held, labels(label, heldOut), config.threshold());
            notes.put("detector_precision", s.precision());
            notes.put("detector_recall", s.recall());
            notes.put("detector_auc", s.auc());
        }
        List<int[]> kept = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        boolean drop = config.action().equals("drop");
        for (int i = 0; i < pool.size(); i++) {                       // the pool lists real blocks first
            if (!drop || p[i] <= config.threshold()) {
                kept.add(pool.get(i));
                weights.add(drop ? 1.0 : 1.0 - p[i]);
            }
        }
        int keptReal = 0;
        int[] keptLabel = new int[kept.size()];
        for (int i = 0, k = 0; i < pool.size(); i++) {
            if (!drop || p[i] <= config.threshold()) {
                keptLabel[k++] = label[i];
                keptReal += 1 - label[i];
            }
        }
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        notes.put("kept_synthetic_share", share(keptLabel, w));
        notes.put("kept_blocks", (double) kept.size());
        return new TrainingSet(kept, keptReal, kept.size() - keptReal, w, notes);
    }

    private static boolean bothClasses(List<Integer> rows, int[] label) {
        boolean pos = rows.stream().anyMatch(i -> label[i] == 1);
        boolean neg = rows.stream().anyMatch(i -> label[i] == 0);
        return pos && neg;
    }

    private static double share(int[] label, double[] weights) {
        double total = 0;
        double synth = 0;
        for (int i = 0; i < label.length; i++) {
            double w = weights == null ? 1 : weights[i];
            total += w;
            synth += label[i] * w;
        }
        return total == 0 ? Double.NaN : synth / total;
    }

    private static double[][] rows(double[][] x, List<Integer> idx) {
        return idx.stream().map(i -> x[i]).toArray(double[][]::new);
    }

    private static int[] labels(int[] y, List<Integer> idx) {
        return idx.stream().mapToInt(i -> y[i]).toArray();
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
