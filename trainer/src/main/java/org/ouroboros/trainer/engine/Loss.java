package org.ouroboros.trainer.engine;

/**
 * Summed negative log-likelihood (nats) over weighted positions, and the summed weight.
 *
 * @param nllSum    sum of weight x NLL
 * @param weightSum sum of the weights (the number of predicted tokens for 0/1 weights)
 */
public record Loss(double nllSum, double weightSum) {
    /** Mean NLL per unit of weight. */
    public double mean() {
        return nllSum / weightSum;
    }
}
