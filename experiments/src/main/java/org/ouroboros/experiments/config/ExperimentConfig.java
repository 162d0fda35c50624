package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A whole recursion experiment: every (regime x seed) is run for {@code generations} generations after a
 * shared generation 0. Loaded from YAML by {@link ExperimentConfigs}; every field has a default, and the
 * resolved config (defaults filled in) is written to the run directory.
 *
 * @param name         shown in the report
 * @param seed         fixes the data split (unless corpus.split_seed is set)
 * @param seeds        replicate seeds: each fixes initialisation, block order, sampling and mixing
 * @param generations  generations after generation 0 (the paper: 9)
 * @param engine       nd4j, pytorch or auto; null (left out) means auto and keeps the config's hash as it was
 * @param pretrain     the base model made once and kept in the data cache (null = none; see PretrainConfig)
 */
// "sweep" (where chains run, not what they compute) is read by experiments.sweep.SweepConfigs
@JsonIgnoreProperties({"sweep"})
public record ExperimentConfig(String name, Long seed, List<Long> seeds, Integer generations, CorpusConfig corpus,
                               TokenizerConfig tokenizer, ModelConfig model, TrainingConfig training,
                               GenerationConfig generation, List<RegimeConfig> regimes, MetricsConfig metrics,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String engine,
                               @JsonInclude(JsonInclude.Include.NON_NULL) PretrainConfig pretrain) {
    /** A config without an {@code engine:} key or a pretrain section. */
    public ExperimentConfig(String name, Long seed, List<Long> seeds, Integer generations, CorpusConfig corpus,
                            TokenizerConfig tokenizer, ModelConfig model, TrainingConfig training,
                            GenerationConfig generation, List<RegimeConfig> regimes, MetricsConfig metrics) {
        this(name, seed, seeds, generations, corpus, tokenizer, model, training, generation, regimes, metrics, null,
                null);
    }

    public ExperimentConfig {
        name = orDefault(name, "experiment");
        seed = orDefault(seed, 0L);
        seeds = List.copyOf(orDefault(seeds, List.of(seed)));
        generations = orDefault(generations, 5);
        corpus = orDefault(corpus, CorpusConfig.defaults());
        tokenizer = orDefault(tokenizer, TokenizerConfig.defaults());
        model = orDefault(model, ModelConfig.defaults());
        training = orDefault(training, TrainingConfig.defaults());
        generation = orDefault(generation, GenerationConfig.defaults());
        regimes = List.copyOf(orDefault(regimes, List.of(
                new RegimeConfig("replace", null, null, null, null, null, null, null, null, null, null),
                new RegimeConfig("accumulate", null, null, null, null, null, null, null, null, null, null))));
        metrics = orDefault(metrics, MetricsConfig.defaults());
        require(!seeds.isEmpty(), "seeds", "needs at least one seed");
        require(new HashSet<>(seeds).size() == seeds.size(), "seeds", "must not repeat: " + seeds);
        require(generations >= 1, "generations", "must be >= 1, got " + generations);
        require(!regimes.isEmpty(), "regimes", "needs at least one regime");
        Set<String> labels = new HashSet<>();
        for (RegimeConfig r : regimes) {
            require(labels.add(r.label()), "regimes", "label '" + r.label() + "' is used twice; set 'label'");
            r.trainingOver(training);
        }
        engine = engine == null ? null : engine.strip().toLowerCase(Locale.ROOT);
        require(engine == null || List.of("nd4j", "pytorch", "auto").contains(engine), "engine",
                "must be nd4j, pytorch or auto, got '" + engine + "'");
        require(model.init() != InitPolicy.BASE || model.base() != null || pretrain != null, "model.base",
                "is required when model.init is base (or add a pretrain section to make the base)");
        require(pretrain == null || model.base() == null, "pretrain",
                "and model.base both name a base; keep one");
        require(pretrain == null || model.init() != InitPolicy.SCRATCH, "pretrain",
                "needs model.init base or previous (model.init is scratch, so the base would go unused)");
        require(!(model.init() == InitPolicy.BASE && tokenizer.path() != null), "tokenizer.path",
                "must be left out with model.init base: the base checkpoint's tokenizer is used");
    }

    /**
     * The training settings of {@code regime}'s generations: the run's {@code training} with the regime's own
     * overrides; generation 0 (label {@code real}) and unknown labels get the run's.
     */
    public TrainingConfig trainingFor(String regime) {
        for (RegimeConfig r : regimes) {
            if (r.label().equals(regime)) {
                return r.trainingOver(training);
            }
        }
        return training;
    }

    /** This config with {@code model.base} set to {@code dir} (the pretrained base found in the cache). */
    public ExperimentConfig withBase(String dir) {
        ModelConfig m = new ModelConfig(model.config(), model.init(), dir, model.maxPositions());
        return new ExperimentConfig(name, seed, seeds, generations, corpus, tokenizer, m, training, generation, regimes,
                metrics, engine, null);
    }

    /** The seed of the data split. */
    public long splitSeed() {
        return corpus.splitSeed() != null ? corpus.splitSeed() : seed;
    }

    /** The engine a command asks for: its {@code --engine} flag if given, else this config's {@code engine:}, else auto. */
    public String engineRequested(String flag) {
        return flag != null ? flag : engine != null ? engine : "auto";
    }
}
