package org.ouroboros.experiments.run;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.tokenize.TextTokenizer;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.InitPolicy;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
import org.ouroboros.trainer.checkpoint.OptCheckpointConfig;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.checkpoint.ModelConfigs;

/**
 * Where each generation's model starts (the run's init policy): the base checkpoint, a copy of the
 * previous generation's model, or a fresh initialisation seeded by (seed, generation) so every regime's
 * generation n starts from the same weights. Models are made on the run's engine.
 */
final class ModelInit {
    private final ExperimentConfig config;
    private final Engine engine;
    private final OptConfig shape;

    ModelInit(ExperimentConfig config, Engine engine, TextTokenizer tok, int positionsNeeded) {
        this.config = config;
        this.engine = engine;
        if (config.model().base() != null) {
            this.shape = OptCheckpointConfig.read(Path.of(config.model().base()).resolve(OptCheckpointConfig.FILE_NAME));
        } else {
            int positions = config.model().maxPositions() != null ? config.model().maxPositions() : positionsNeeded;
            this.shape = ModelConfigs.resolve(config.model().config(), tok.vocabSize(), tok.bosId(), tok.eosId(),
                    tok.padId(), positions);
        }
        if (shape.maxPositions() < positionsNeeded || shape.vocabSize() < tok.vocabSize()) {
            throw new BadInputException("the model (" + shape.maxPositions() + " positions, vocab " + shape.vocabSize()
                    + ") cannot continue " + positionsNeeded + "-token sequences of a " + tok.vocabSize()
                    + "-token vocabulary; raise model.max_positions or lower generation.new_tokens");
        }
    }

    OptConfig shape() {
        return shape;
    }

    /** The starting model of generation {@code n}; {@code previous} gives generation n-1's model when needed. */
    LanguageModel start(long seed, int n, Supplier<LanguageModel> previous) {
        InitPolicy policy = config.model().init();
        if (policy == InitPolicy.PREVIOUS && n > 0) {
            return copy(previous.get());
        }
        if (policy == InitPolicy.BASE || (policy == InitPolicy.PREVIOUS && config.model().base() != null)) {
            return ModelCheckpoints.load(Path.of(config.model().base()), engine).model();
        }
        return engine.initialize(shape, Seeds.derive(seed, "init", n));
    }

    /** Whether generation n's model must be kept on disk (generation 0 scores every later corpus). */
    boolean keep(int n) {
        return n == 0 || config.model().init() == InitPolicy.PREVIOUS || config.metrics().keepCheckpoints();
    }

    private LanguageModel copy(LanguageModel m) {
        return engine.fromTensors(m.config(), m.tensors());
    }
}
