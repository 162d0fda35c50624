package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

/**
 * The model of every generation.
 *
 * @param config        {@code tiny}, {@code small}, {@code opt-125m} or a path to an OPT {@code config.json}
 *                      (ignored with a base checkpoint: the checkpoint's shape is used)
 * @param init          base | previous | scratch
 * @param base          checkpoint directory for {@code init: base} (and optionally {@code previous})
 * @param maxPositions  position table size for new models; null = the preset's
 */
public record ModelConfig(String config, InitPolicy init, String base, Integer maxPositions) {
    public ModelConfig {
        config = orDefault(config, "small");
        init = orDefault(init, InitPolicy.SCRATCH);
        require(init != InitPolicy.BASE || (base != null && !base.isBlank()), "model.base",
                "is required when model.init is base");
        require(maxPositions == null || maxPositions > 0, "model.max_positions", "must be positive");
    }

    static ModelConfig defaults() {
        return new ModelConfig(null, null, null, null);
    }
}
