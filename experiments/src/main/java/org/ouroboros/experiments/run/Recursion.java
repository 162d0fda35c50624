package org.ouroboros.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ouroboros.experiments.base.PretrainedBase;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.RegimeConfig;
import org.ouroboros.experiments.regime.BlockOrigin;
import org.ouroboros.experiments.regime.ModelAware;
import org.ouroboros.experiments.regime.Provenance;
import org.ouroboros.experiments.regime.Regime;
import org.ouroboros.experiments.regime.Regimes;
import org.ouroboros.experiments.regime.SyntheticCorpus;
import org.ouroboros.experiments.regime.TrainingSet;
import org.ouroboros.experiments.report.RunReport;
import org.ouroboros.io.AtomicFiles;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.Engines;
import org.ouroboros.trainer.engine.LanguageModel;

/**
 * The paper's loop. Per seed: generation 0 trains on real data and writes the first synthetic corpus;
 * then, per regime, each generation n trains on the mixture the regime builds from the real data and the
 * corpora of generations 0..n-1, is measured on real test data, and writes corpus n. Finished
 * generations are read back instead of re-run, so an interrupted run resumes where it stopped.
 */
public final class Recursion {
    private final ExperimentConfig config;
    private final RunLayout layout;
    private final Path dataDir;
    private final Engine engine;
    private final Chain only;
    private final List<ResultTables.Entry> entries = new ArrayList<>();
    private int ran;
    private int resumed;

    /** What a run did. */
    public record Summary(Path runDir, Path report, int generationsRun, int generationsResumed,
                          List<MetricsRow> rows) {
    }

    /** A run on this process's engine ({@link Engines#current}). */
    public Recursion(ExperimentConfig config, RunLayout layout, Path dataDir) {
        this(config, layout, dataDir, Engines.current());
    }

    /** A run whose models live on {@code engine}. */
    public Recursion(ExperimentConfig config, RunLayout layout, Path dataDir, Engine engine) {
        this(config, layout, dataDir, engine, null);
    }

    /**
     * A run of one chain only ({@code only} non-null: a sweep's task), which writes nothing but that chain's
     * generation directories; the run's tables and report are then the merge's ({@link RunMerge}).
     */
    public Recursion(ExperimentConfig config, RunLayout layout, Path dataDir, Engine engine, Chain only) {
        this.config = config;
        this.layout = layout;
        this.dataDir = dataDir;
        this.engine = engine;
        this.only = only;
    }

    public Summary run() {
        PretrainedBase.Result base = config.pretrain() == null ? null : PretrainedBase.ensure(config, dataDir, engine);
        ExperimentConfig run = base == null ? config : config.withBase(base.model().toString());
        try (RunData data = RunData.prepare(run, layout.root(), dataDir)) {
            RunReferences.write(layout, run, data, base, engine);
            GenerationStep step = new GenerationStep(run, data, layout);
            ModelInit init = new ModelInit(run, engine, data.tokenizer(), new SyntheticWriter(run, data).positionsNeeded());
            for (long seed : config.seeds()) {
                if (only == null || only.seed() == seed) {
                    runSeed(seed, data, step, init);
                }
            }
        }
        if (only != null) {
            return new Summary(layout.root(), null, ran, resumed, rows());
        }
        RunReport.Result report = RunReport.write(layout.root());
        return new Summary(layout.root(), report.report(), ran, resumed, rows());
    }

    private List<MetricsRow> rows() {
        return entries.stream().map(e -> e.record().metrics().withRegime(e.regime())).toList();
    }

    private void writeTables() {
        if (only == null) {
            ResultTables.write(layout, entries);
        }
    }

    private void runSeed(long seed, RunData data, GenerationStep step, ModelInit init) {
        GenerationStep.Outcome zero = step.stored(seed, "", 0);
        LanguageModel gen0;
        if (zero == null) {
            TrainingSet real = TrainingSet.of(data.train().blocks(), List.of());
            zero = step.run(new GenerationStep.Task(seed, "real", 0, real, init.start(seed, 0, () -> null), null, null,
                    true, new Provenance(data.train().blocks(), List.of(), false).of(real)));
            gen0 = zero.model();
            log(zero.record(), ++ran);
        } else {
            gen0 = zero.record().failed() ? null : loadModel(seed, "", 0);
            resumed++;
        }
        for (RegimeConfig rc : config.regimes()) {
            if (only == null || !only.isGen0() && only.regime().equals(rc.label())) {
                entries.add(new ResultTables.Entry(rc.label(), zero.record()));
            }
        }
        writeTables();
        if (gen0 == null || only != null && only.isGen0()) {
            return;
        }
        for (RegimeConfig rc : config.regimes()) {
            if (only != null && !only.regime().equals(rc.label())) {
                continue;
            }
            Regime regime = Regimes.create(rc, data.train().blocks(), zero.record().sequencePerplexity(),
                    data.realCounts(), config.metrics().evalBatchSize());
            runRegime(seed, regime, zero, gen0, data, step, init);
        }
    }

    private void runRegime(long seed, Regime regime, GenerationStep.Outcome zero, LanguageModel gen0, RunData data,
                           GenerationStep step, ModelInit init) {
        List<SyntheticCorpus> history = new ArrayList<>();
        history.add(new SyntheticCorpus(0, zero.syntheticBlocks(), zero.record().syntheticGen0Perplexity()));
        LanguageModel previous = gen0;
        for (int n = 1; n <= config.generations(); n++) {
            GenerationStep.Outcome o = step.stored(seed, regime.label(), n);
            if (o == null) {
                LanguageModel known = previous;
                int prior = n - 1;
                Supplier<LanguageModel> prev = () -> known != null ? known : loadModel(seed, regime.label(), prior);
                if (regime instanceof ModelAware aware) {
                    aware.useModels(gen0, prev.get());
                }
                TrainingSet set = regime.build(n, data.train().blocks(), history,
                        new SplittableRandom(Seeds.derive(seed, regime.label(), n, "mix")));
                List<BlockOrigin> origins = new Provenance(data.train().blocks(), history,
                        config.generation().prompted()).of(set);
                o = step.run(new GenerationStep.Task(seed, regime.label(), n, set, init.start(seed, n, prev), gen0,
                        history.get(n - 1).gen0Perplexity(), init.keep(n) || regime instanceof ModelAware, origins));
                log(o.record(), ++ran);
                dropModel(seed, regime.label(), n - 1);
            } else {
                resumed++;
            }
            entries.add(new ResultTables.Entry(regime.label(), o.record()));
            writeTables();
            if (o.record().failed()) {
                return;
            }
            history.add(new SyntheticCorpus(n, o.syntheticBlocks(), o.record().syntheticGen0Perplexity()));
            previous = o.model();
        }
    }

    private LanguageModel loadModel(long seed, String regime, int n) {
        return ModelCheckpoints.load(layout.generationDir(seed, regime, n).resolve("model"), engine).model();
    }

    /** Removes generation n's model once generation n+1 exists, unless the run keeps every checkpoint. */
    private void dropModel(long seed, String regime, int n) {
        if (n >= 1 && !config.metrics().keepCheckpoints()) {
            try {
                AtomicFiles.deleteRecursively(layout.generationDir(seed, regime, n).resolve("model"));
            } catch (IOException e) {
                System.err.println("warning: could not delete an old checkpoint: " + e.getMessage());
            }
        }
    }

    private static void log(GenerationRecord r, int count) {
        MetricsRow m = r.metrics();
        System.err.printf(Locale.ROOT, "[%d] seed %d %-22s gen %d: %s test ppl %.2f, valid ppl %.2f, self-BLEU %.3f "
                        + "(train %.0f s, generate %.0f s)%n", count, m.seed(), m.regime(), m.generation(), m.status(),
                m.testPerplexity(), m.validPerplexity(), m.selfBleu(), r.trainSeconds(), r.generateSeconds());
    }
}
