package org.ouroboros.trainer.train;

/**
 * Training produced a non-finite loss or gradient. The model holds the last good parameters (the best
 * validation checkpoint so far, or the initial ones) when this is thrown.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;

    public TrainingDivergedException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** Optimizer step (1-based) at which the non-finite value appeared. */
    public long step() {
        return step;
    }
}
