package org.ouroboros.experiments.toy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One generation of a Gaussian collapse experiment, over all trials.
 *
 * @param n            generation; 0 is the fit to samples from the true N(0, 1)
 * @param meanVariance mean over trials of the fitted (MLE) variance
 * @param stderr       standard error of that mean
 * @param theory       E[fitted variance] = ((N-1)/N)^(n+1) under replace and at generation 0; null where
 *                     no closed form is used (accumulate after generation 0)
 * @param w2           mean over trials of the Wasserstein-2 distance from the fit to N(0, 1)
 */
public record GaussianGeneration(int n,
                                 @JsonProperty("mean_variance") double meanVariance,
                                 double stderr,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) Double theory,
                                 double w2) {
}
