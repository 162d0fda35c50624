package org.ouroboros.experiments.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ouroboros.experiments.config.AnchorConfig;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.metrics.Diversity;
import org.ouroboros.experiments.metrics.UnigramMetrics;
import org.ouroboros.experiments.regime.BlockOrigin;
import org.ouroboros.experiments.regime.Provenance;
import org.ouroboros.experiments.regime.TrainingSet;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.trainer.checkpoint.DType;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
import org.ouroboros.trainer.eval.Evaluator;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.train.Anchor;
import org.ouroboros.trainer.train.GradientHook;
import org.ouroboros.trainer.train.ProgressListener;
import org.ouroboros.trainer.train.TrainListener;
import org.ouroboros.trainer.train.TrainConfig;
import org.ouroboros.trainer.train.TrainResult;
import org.ouroboros.trainer.train.Trainer;
import org.ouroboros.trainer.train.TrainingDivergedException;

/**
 * One generation: train a model on its training set (keeping the best real-validation epoch), measure it
 * on the real test split, let it write the next synthetic corpus, score that corpus with the generation-0
 * model, and measure the samples. The generation's directory is written whole, then renamed into place.
 */
final class GenerationStep {
    /** What a generation needs besides the run's data. */
    record Task(long seed, String regime, int generation, TrainingSet trainingSet, LanguageModel model,
                LanguageModel gen0, double[] trainingSequencePerplexity, boolean saveModel, List<BlockOrigin> origins) {
    }

    /** A finished generation: its record, its synthetic corpus and (when just trained) its model. */
    record Outcome(GenerationRecord record, List<int[]> syntheticBlocks, LanguageModel model) {
    }

    private final ExperimentConfig config;
    private final RunData data;
    private final RunLayout layout;
    private final SyntheticWriter writer;
    private LanguageModel base;

    GenerationStep(ExperimentConfig config, RunData data, RunLayout layout) {
        this.config = config;
        this.data = data;
        this.layout = layout;
        this.writer = new SyntheticWriter(config, data);
    }

    /** The stored outcome if the generation already ran, else null. */
    Outcome stored(long seed, String regime, int generation) {
        Path dir = layout.generationDir(seed, regime, generation);
        if (!Files.isRegularFile(dir.resolve(GenerationRecord.FILE))) {
            return null;
        }
        GenerationRecord record = GenerationRecord.read(dir);
        List<int[]> blocks = record.failed() ? List.of() : writer.toBlocks(Samples.read(dir));
        return new Outcome(record, blocks, null);
    }

    Outcome run(Task t) {
        long trainStart = System.nanoTime();
        TrainResult trained;
        String label = String.format(Locale.ROOT, "seed %d %s gen %d", t.seed(), t.regime(), t.generation());
        TrainConfig trainConfig = config.trainingFor(t.regime()).toTrainConfig(Seeds.derive(t.seed(), t.regime(), t.generation(),
                "train"));
        long steps = Trainer.totalSteps(trainConfig, t.trainingSet().blocks().size());
        if (t.trainingSet().blocks().isEmpty()) {              // e.g. a gate or a detector that kept nothing
            return failed(t, "the regime kept no training blocks", trainStart);
        }
        try (ProgressListener p = new ProgressListener(label + " train", steps, TrainListener.NONE)) {
            Anchor anchor = anchor(t, trainConfig.effectiveMicroBatch());
            Trainer trainer = new Trainer(trainConfig, p, anchor == null ? GradientHook.NONE : anchor);
            TrainingSet set = t.trainingSet();
            trained = trainer.train(t.model(), set.blocks(), set.weighted() ? set.weights() : null,
                    data.valid().blocks());
        } catch (TrainingDivergedException e) {
            return failed(t, e.getMessage(), trainStart);
        }
        double trainSeconds = (System.nanoTime() - trainStart) / 1e9;
        long genStart = System.nanoTime();
        List<Samples.Sample> samples = writer.write(t.model(), Seeds.derive(t.seed(), t.regime(), t.generation(),
                "sample"), label);
        List<int[]> synthetic = writer.toBlocks(samples);
        double generateSeconds = (System.nanoTime() - genStart) / 1e9;
        LanguageModel gen0 = t.gen0() != null ? t.gen0() : t.model();
        int batch = config.metrics().evalBatchSize();
        double[] syntheticPpl = Evaluator.score(gen0, synthetic, batch).blockPerplexities();
        double[] sequencePpl = t.generation() == 0
                ? Evaluator.score(gen0, data.train().blocks(), batch).blockPerplexities()
                : t.trainingSequencePerplexity();
        GenerationRecord record = measure(t, trained, samples, sequencePpl, syntheticPpl, trainSeconds,
                generateSeconds);
        AtomicFiles.writeDirectory(layout.generationDir(t.seed(), t.regime(), t.generation()), dir -> {
            Samples.write(dir, samples);
            record.write(dir);
            TrainingSetFile.write(dir, t.origins(), weights(t));
            if (t.saveModel()) {
                ModelCheckpoints.save(t.model(), dir.resolve("model"), data.tokenizerFile(), null, DType.F32);
            }
        });
        return new Outcome(record, synthetic, t.model());
    }

    /** Records generation t as failed with {@code reason}; the other regimes go on. */
    private Outcome failed(Task t, String reason, long trainStart) {
        MetricsRow failed = MetricsRow.failed(t.regime(), t.seed(), t.generation(), t.trainingSet().blocks().size(),
                t.trainingSet().realFraction(), reason);
        GenerationRecord record = new GenerationRecord(failed, Map.of(), new double[0], new double[0],
                List.of(), (System.nanoTime() - trainStart) / 1e9, 0, shares(t), new double[0]);
        AtomicFiles.writeDirectory(layout.generationDir(t.seed(), t.regime(), t.generation()), dir -> {
            record.write(dir);
            TrainingSetFile.write(dir, t.origins(), weights(t));
        });
        return new Outcome(record, List.of(), null);
    }

    private GenerationRecord measure(Task t, TrainResult trained, List<Samples.Sample> samples, double[] sequencePpl,
                                     double[] syntheticPpl, double trainSeconds, double generateSeconds) {
        int batch = config.metrics().evalBatchSize();
        LanguageModel model = t.model();
        Measurements.TestScores test = Measurements.test(model, data.test(), batch);
        List<String> texts = samples.stream().map(Samples.Sample::text).toList();
        Measurements.TextScores text = Measurements.text(texts, config.metrics().selfBleuMaxN());
        List<int[]> continuations = samples.stream().map(Samples.Sample::tokens).toList();
        int vocab = data.tokenizer().vocabSize();
        long[] realCounts = data.realCounts();
        List<int[]> rows = writer.promptedRows(samples);
        int keep = config.metrics().entropySamples();
        double outputEntropy = Measurements.meanEntropy(model, keep > 0 && rows.size() > keep ? rows.subList(0, keep)
                : rows, writer.promptLength() - 1, batch);
        double realEntropy = Measurements.meanEntropy(model, data.test().blocks(), 0, batch);
        Diversity d = text.diversity();
        MetricsRow row = new MetricsRow(t.regime(), t.seed(), t.generation(), t.trainingSet().blocks().size(),
                t.trainingSet().realFraction(), test.perplexity(), trained.bestValidPerplexity(), text.selfBleu(),
                text.selfBleu2(), text.selfBleu3(), text.selfBleu5(), outputEntropy, realEntropy, d.unigramEntropy(),
                d.distinct1(), d.distinct2(), UnigramMetrics.rareRecall(realCounts, continuations,
                config.metrics().rareK()), UnigramMetrics.unigramKl(realCounts,
                UnigramMetrics.counts(continuations, vocab), vocab), "ok", trained.bestEpoch());
        Map<String, Double> extra = new java.util.LinkedHashMap<>(shares(t));
        LanguageModel gen0 = t.gen0() != null ? t.gen0() : model;
        extra.putAll(CollapseMeasures.of(new CollapseMeasures.Inputs(model, gen0, base(gen0), continuations, texts,
                writer.toBlocks(samples), data.test().blocks(), realCounts, batch,
                Seeds.derive(t.seed(), t.regime(), t.generation(), "mauve"))));
        return new GenerationRecord(row, test.categories(), sequencePpl, syntheticPpl, trained.epochs(),
                trainSeconds, generateSeconds, extra, test.blockNll());
    }

    /** The model drift is measured against: the base checkpoint when the run has one, else generation 0. */
    private LanguageModel base(LanguageModel gen0) {
        if (config.model().base() == null) {
            return gen0;
        }
        if (base == null) {
            base = ModelCheckpoints.load(Path.of(config.model().base()), gen0.engine()).model();
        }
        return base;
    }

    private static double[] weights(Task t) {
        return t.trainingSet().weights();
    }

    /** Provenance shares and what the regime measured while building the set. */
    private Map<String, Double> shares(Task t) {
        // generation n can only hold synthetic blocks of generations 0..n-1; not config.generations(), so a
        // record does not depend on how long the run is (run --extend gives the bytes of a longer run)
        Map<String, Double> m = new java.util.LinkedHashMap<>(Provenance.shares(t.origins(), weights(t),
                t.generation()));
        m.putAll(t.trainingSet().notes());
        m.values().removeIf(v -> v == null || !Double.isFinite(v));
        return m;
    }

    /** The configured pull towards the base; none in generation 0 unless the run has a base checkpoint. */
    private Anchor anchor(Task t, int microBatch) {
        AnchorConfig a = config.trainingFor(t.regime()).anchor();
        LanguageModel reference = config.model().base() != null ? base(t.model()) : t.gen0();
        if (a == null || reference == null) {
            return null;
        }
        return new Anchor(a.type().equals("kl") ? Anchor.Type.KL : Anchor.Type.L2, a.weight(), reference,
                microBatch);
    }
}
