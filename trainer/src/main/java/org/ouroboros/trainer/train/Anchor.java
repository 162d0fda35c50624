package org.ouroboros.trainer.train;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.nd4j.KlAnchorHead;
import org.ouroboros.trainer.engine.nd4j.OptModel;

/**
 * A pull towards a base model during training, the mitigation of staying close to the base, run by the
 * {@link Trainer} after each step's backward passes: {@code l2} adds {@code weight/2 * ||theta - theta_base||^2}
 * to the loss (L2-SP, Li et al. 2018); {@code kl} adds {@code weight * mean over the batch's predicted
 * positions of KL(p_base || p_theta)}, the base's next-token distribution computed on the same batch (one
 * more forward and backward pass of the model per step). The base is read, never changed. ND4J engine only.
 */
public final class Anchor implements GradientHook {
    /** Which pull. */
    public enum Type { L2, KL }

    private final Type type;
    private final double weight;
    private final OptModel base;
    private double lastPenalty;

    public Anchor(Type type, double weight, LanguageModel base) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("anchor weight must be finite and >= 0, got " + weight);
        }
        this.type = type;
        this.weight = weight;
        this.base = nd4j(base, "base");
    }

    public Type type() {
        return type;
    }

    public double weight() {
        return weight;
    }

    /** The anchor term of the last step: the L2 penalty, or the weight times the batch's mean KL. */
    public double lastPenalty() {
        return lastPenalty;
    }

    /** Adds the anchor's gradient (the batch's loss gradient is already in the model's gradients). */
    @Override
    public void afterBackward(LanguageModel languageModel, long step, List<int[]> batch) {
        OptModel model = nd4j(languageModel, "trained");
        if (weight == 0) {
            lastPenalty = 0;
            return;
        }
        if (type == Type.L2) {
            INDArray theta = model.parameters().flat();
            INDArray diff = theta.sub(base.parameters().flat().castTo(theta.dataType()));
            double norm = diff.norm2Number().doubleValue();
            lastPenalty = weight / 2 * norm * norm;
            model.gradients().flat().addi(diff.muli(weight));
            return;
        }
        Batch b = Batch.nextToken(batch);
        int[][] rows = batch.toArray(new int[0][]);
        INDArray refLogProbs = KlAnchorHead.logSoftmax(base.logitsArray(rows));
        double targets = b.targetCount();
        lastPenalty = weight * model.klBackward(b, weight / targets, refLogProbs) / targets;
    }

    private static OptModel nd4j(LanguageModel m, String which) {
        if (m instanceof OptModel o) {
            return o;
        }
        throw new IllegalArgumentException("training.anchor runs on the nd4j engine; the " + which + " model is on "
                + m.engine().name());
    }
}
