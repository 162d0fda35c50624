package org.ouroboros.experiments.toy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One generation of a mixture collapse experiment, over all trials.
 *
 * @param n                generation; 0 is the fit to samples from the true mixture
 * @param weights          per component, the mean fitted weight across trials (dead components count 0)
 * @param minoritySurvival fraction of trials whose minority component still has weight &gt; 1/(10 N)
 */
public record GmmGeneration(int n, double[] weights,
                            @JsonProperty("minority_survival") double minoritySurvival) {
}
