package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

import org.ouroboros.trainer.train.TrainConfig;

/**
 * Training of each generation (defaults: Shumailov et al.'s AdamW 2e-5 cosine to 1e-6, 5 epochs).
 *
 * @param epochs            passes over the generation's training set
 * @param maxSteps          cap on optimizer steps per generation (0 = none); equal caps give every regime
 *                          the same compute even when accumulate's data grows
 * @param batchSize         blocks per optimizer step
 * @param microBatchSize    blocks per forward/backward (0 = batch size)
 * @param lr                peak learning rate
 * @param minLr             end of the cosine decay
 * @param warmupSteps       linear warm-up steps
 * @param weightDecay       AdamW decoupled weight decay
 * @param gradClip          max gradient norm (0 = off)
 * @param blockSize         tokens per training block (the paper: 64)
 * @param anchor            a pull towards the base model (none when absent)
 */
public record TrainingConfig(Integer epochs, Long maxSteps, Integer batchSize, Integer microBatchSize, Double lr,
                             Double minLr, Long warmupSteps, Double weightDecay, Double gradClip,
                             Integer blockSize, AnchorConfig anchor) {
    public TrainingConfig {
        epochs = orDefault(epochs, 5);
        maxSteps = orDefault(maxSteps, 0L);
        batchSize = orDefault(batchSize, 16);
        microBatchSize = orDefault(microBatchSize, 0);
        lr = orDefault(lr, 2e-5);
        minLr = orDefault(minLr, 1e-6);
        warmupSteps = orDefault(warmupSteps, 0L);
        weightDecay = orDefault(weightDecay, 0.0);
        gradClip = orDefault(gradClip, 1.0);
        blockSize = orDefault(blockSize, 64);
        require(epochs > 0, "training.epochs", "must be positive, got " + epochs);
        require(maxSteps >= 0, "training.max_steps", "must be >= 0, got " + maxSteps);
        require(batchSize > 0, "training.batch_size", "must be positive, got " + batchSize);
        require(microBatchSize >= 0 && microBatchSize <= batchSize, "training.micro_batch_size",
                "must lie in [0, batch_size], got " + microBatchSize);
        require(lr > 0, "training.lr", "must be positive, got " + lr);
        require(minLr >= 0 && minLr <= lr, "training.min_lr", "must lie in [0, lr], got " + minLr);
        require(warmupSteps >= 0, "training.warmup_steps", "must be >= 0");
        require(weightDecay >= 0, "training.weight_decay", "must be >= 0");
        require(gradClip >= 0, "training.grad_clip", "must be >= 0");
        require(blockSize >= 2, "training.block_size", "must be >= 2, got " + blockSize);
    }

    static TrainingConfig defaults() {
        return new TrainingConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The trainer's settings for one generation, seeded. */
    public TrainConfig toTrainConfig(long seed) {
        return new TrainConfig(epochs, maxSteps, batchSize, microBatchSize, lr, minLr, warmupSteps, weightDecay,
                gradClip, seed);
    }
}
