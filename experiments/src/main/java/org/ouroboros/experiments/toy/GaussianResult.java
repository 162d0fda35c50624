package org.ouroboros.experiments.toy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outcome of a Gaussian collapse experiment: per generation, the fitted variance across trials next to
 * its theoretical expectation, and the distance of the fit from the truth.
 *
 * @param config      what was run
 * @param theory      the expectation formula used for {@link GaussianGeneration#theory()}
 * @param generations generations 0..G
 */
public record GaussianResult(@JsonIgnore GaussianConfig config,
                             @JsonProperty("theory_formula") String theory,
                             List<GaussianGeneration> generations) {
    @JsonProperty("regime")
    ToyRegime regime() {
        return config.regime();
    }

    @JsonProperty("samples")
    int samples() {
        return config.samples();
    }

    @JsonProperty("trials")
    int trials() {
        return config.trials();
    }

    @JsonProperty("seed")
    long seed() {
        return config.seed();
    }
}
