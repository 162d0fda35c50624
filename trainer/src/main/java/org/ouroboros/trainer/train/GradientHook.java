package org.ouroboros.trainer.train;

import java.util.List;
import org.ouroboros.trainer.engine.LanguageModel;

/**
 * Work the {@link Trainer} does on the gradients of each optimizer step after the batch's backward passes
 * and before clipping: the place for terms that are not the next-token loss (an L2 pull towards a base
 * model's weights, a KL term to a base model's predictions), through the model's own operations.
 */
@FunctionalInterface
public interface GradientHook {
    /**
     * @param model the model whose gradients now hold the batch's loss gradient (scaled to the batch mean)
     * @param step  0-based optimizer step
     * @param batch the step's blocks
     */
    void afterBackward(LanguageModel model, long step, List<int[]> batch);

    GradientHook NONE = (model, step, batch) -> {
    };
}
