package org.ouroboros.trainer.train;

import org.ouroboros.trainer.engine.LanguageModel;

/** Hooks into a training run: progress display and saving the best checkpoint as it appears. */
public interface TrainListener {
    /** After each optimizer step. */
    default void onStep(long step, long totalSteps, double loss, double lr, double tokensPerSecond) {
    }

    /** After each epoch's validation; {@code improved} when the model now holds a new best. */
    default void onEpoch(TrainResult.Epoch epoch, boolean improved, LanguageModel model) {
    }

    TrainListener NONE = new TrainListener() {
    };
}
