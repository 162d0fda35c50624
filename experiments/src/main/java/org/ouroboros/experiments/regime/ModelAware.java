package org.ouroboros.experiments.regime;

import org.ouroboros.trainer.engine.LanguageModel;

/** A regime that looks at models, not only at blocks, to build a training set (the detector of {@code detect}). */
public interface ModelAware {
    /**
     * Called before {@link Regime#build} of each generation n: {@code gen0} is the seed's generation-0 model,
     * {@code current} the model of generation n-1 (the newest model there is when generation n's data is made).
     */
    void useModels(LanguageModel gen0, LanguageModel current);
}
