package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.require;

import java.util.List;
import java.util.Locale;

/**
 * {@code training.anchor}: a pull towards the base during training. {@code l2} is L2-SP,
 * {@code weight/2 * ||theta - theta_base||^2}; {@code kl} is {@code weight * KL(p_base || p_theta)} averaged
 * over the batch's predicted positions. The base is the run's {@code model.base} checkpoint when there is one,
 * else the seed's generation-0 model (generation 0 itself trains without the anchor then).
 *
 * @param type   l2 | kl
 * @param weight lambda, >= 0
 */
public record AnchorConfig(String type, Double weight) {
    public static final List<String> TYPES = List.of("l2", "kl");

    public AnchorConfig {
        require(type != null, "training.anchor.type", "is required (" + String.join(" | ", TYPES) + ")");
        type = type.toLowerCase(Locale.ROOT);
        require(TYPES.contains(type), "training.anchor.type", "must be one of " + TYPES + ", got '" + type + "'");
        require(weight != null, "training.anchor.weight", "is required (lambda >= 0)");
        require(weight >= 0 && Double.isFinite(weight), "training.anchor.weight", "must be finite and >= 0, got "
                + weight);
    }
}
