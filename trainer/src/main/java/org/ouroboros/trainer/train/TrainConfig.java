package org.ouroboros.trainer.train;

import org.ouroboros.cli.BadInputException;

/**
 * How one model is trained. Defaults follow Shumailov et al.'s fine-tuning (AdamW, lr 2e-5 cosine to 1e-6)
 * except the batch size, which suits a CPU.
 *
 * @param epochs          passes over the training blocks
 * @param maxSteps        stop after this many optimizer steps (0 = no limit)
 * @param batchSize       blocks per optimizer step
 * @param microBatchSize  blocks per forward/backward (gradients accumulate); 0 = batchSize
 * @param lr              peak learning rate
 * @param minLr           learning rate at the end of the cosine decay
 * @param warmupSteps     linear warm-up steps
 * @param weightDecay     decoupled weight decay (not applied to biases and LayerNorm)
 * @param gradClip        max global gradient norm (0 = no clipping)
 * @param seed            seeds the order of blocks in every epoch
 */
public record TrainConfig(int epochs, long maxSteps, int batchSize, int microBatchSize, double lr, double minLr,
                          long warmupSteps, double weightDecay, double gradClip, long seed) {
    public TrainConfig {
        check(epochs > 0, "epochs must be positive, got " + epochs);
        check(maxSteps >= 0, "max steps must be >= 0, got " + maxSteps);
        check(batchSize > 0, "batch size must be positive, got " + batchSize);
        check(microBatchSize >= 0 && microBatchSize <= batchSize,
                "micro-batch size must lie in [0, batch size], got " + microBatchSize);
        check(lr > 0 && minLr >= 0 && minLr <= lr, "need 0 <= min lr <= lr and lr > 0, got lr " + lr
                + ", min lr " + minLr);
        check(warmupSteps >= 0, "warm-up steps must be >= 0");
        check(weightDecay >= 0, "weight decay must be >= 0");
        check(gradClip >= 0, "gradient clip must be >= 0");
    }

    /** Shumailov et al.'s optimiser settings with a CPU-sized batch. */
    public static TrainConfig defaults() {
        return new TrainConfig(5, 0, 16, 0, 2e-5, 1e-6, 0, 0.0, 1.0, 0);
    }

    /** The micro-batch actually used. */
    public int effectiveMicroBatch() {
        return microBatchSize == 0 ? batchSize : microBatchSize;
    }

    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(epochs, maxSteps, batchSize, microBatchSize, lr, minLr, warmupSteps, weightDecay,
                gradClip, newSeed);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new BadInputException("invalid training config: " + message);
        }
    }
}
