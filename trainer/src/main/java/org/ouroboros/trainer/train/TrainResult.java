package org.ouroboros.trainer.train;

import java.util.List;

/**
 * What a training run did: per-epoch losses, the best validation loss (whose parameters the model holds),
 * the loss of every optimizer step, and throughput.
 */
public record TrainResult(List<Epoch> epochs, int bestEpoch, double bestValidLoss, long steps,
                          long trainTokens, double seconds, List<Double> stepLosses) {

    /** One epoch (possibly cut short by max steps): mean train loss and validation loss in nats/token. */
    public record Epoch(int epoch, long steps, double trainLoss, double validLoss, double seconds) {
    }

    /** Training tokens (predicted positions) per second of wall time. */
    public double tokensPerSecond() {
        return seconds > 0 ? trainTokens / seconds : 0;
    }

    public double bestValidPerplexity() {
        return Math.exp(bestValidLoss);
    }
}
