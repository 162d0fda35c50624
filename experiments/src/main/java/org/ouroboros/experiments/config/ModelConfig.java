package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

/**
 * The model of every generation.
 *
 * @param config        {@code tiny}, {@code small}, {@code opt-125m} or a path to an OPT {@code config.json}
 *                      (ignored with a base checkpoint: the checkpoint's shape is used)
 * @param init          base | previous | scratch
 * @param base          checkpoint directory for {@code init: base} (and optionally {@code previous}); with a
 *                      {@code pretrain} section the base is made and found in the data cache instead
 * @param maxPositions  position table size for new models; null = the preset's
 */
public record ModelConfig(String config, InitPolicy init, String base, Integer maxPositions) {
    public ModelConfig {
        config = orDefault(config, "small");
        init = orDefault(init, InitPolicy.SCRATCH);
        require(base == null || !base.isBlank(), "model.base", "must name a checkpoint directory or be left out");
        require(maxPositions == null || maxPositions > 0, "model.max_positions", "must be positive");
    }

    static ModelConfig defaults() {
        return new ModelConfig(null, null, null, null);
    }
}
