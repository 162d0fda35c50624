package org.ouroboros.experiments.toy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The outcome of a mixture collapse experiment: per generation, each component's mean weight and how
 * often the minority component survives.
 *
 * @param config            what was run
 * @param survivalThreshold weight above which the minority counts as alive: 1/(10 N)
 * @param generations       generations 0..G
 */
public record GmmResult(@JsonIgnore GmmConfig config,
                        @JsonProperty("survival_threshold") double survivalThreshold,
                        List<GmmGeneration> generations) {
    @JsonProperty("regime")
    ToyRegime regime() {
        return config.regime();
    }

    @JsonProperty("true_weights")
    double[] trueWeights() {
        return config.weights();
    }

    @JsonProperty("minority")
    int minority() {
        return config.minority();
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
