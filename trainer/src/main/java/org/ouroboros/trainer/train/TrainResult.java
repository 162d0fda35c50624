package org.ouroboros.trainer.train;

import java.util.List;

/**
 * What a training run did: per-epoch losses, the best validation loss (whose parameters the model holds),
 * the loss of every optimizer step, and throughput.
 *
 * @param seconds      wall time of the whole run, validation and checkpoint saving included
 * @param trainSeconds time spent in training steps only, which {@link #tokensPerSecond} divides by
 */
public record TrainResult(List<Epoch> epochs, int bestEpoch, double bestValidLoss, long steps,
                          long trainTokens, double seconds, double trainSeconds, List<Double> stepLosses) {

    /** One epoch (possibly cut short by max steps): mean train loss and validation loss in nats/token. */
    public record Epoch(int epoch, long steps, double trainLoss, double validLoss, double seconds) {
    }

    /** Training tokens (predicted positions) per second of training steps (validation time left out). */
    public double tokensPerSecond() {
        return trainSeconds > 0 ? trainTokens / trainSeconds : 0;
    }

    public double bestValidPerplexity() {
        return Math.exp(bestValidLoss);
    }
}
