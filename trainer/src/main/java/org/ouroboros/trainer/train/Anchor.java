package org.ouroboros.trainer.train;

import java.util.List;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.LanguageModel;

/**
 * A pull towards a base model during training, the mitigation of staying close to the base, run by the
 * {@link Trainer} after each step's backward passes: {@code l2} adds {@code weight/2 * ||theta - theta_base||^2}
 * to the loss (L2-SP, Li et al. 2018); {@code kl} adds {@code weight * mean over the batch's predicted
 * positions of KL(p_base || p_theta)}, the base's next-token distribution computed on the same batch (one
 * more forward pass of the base and one more forward and backward pass of the model per step, in the
 * trainer's micro-batches). The base is read, never changed. Any engine: the model computes both terms on its
 * device ({@link LanguageModel#addL2Pull}, {@link LanguageModel#addKlPull}); the base must be a model of the
 * same engine.
 */
public final class Anchor implements GradientHook {
    /** Which pull. */
    public enum Type { L2, KL }

    private final Type type;
    private final double weight;
    private final LanguageModel base;
    private final int microBatch;
    private double lastPenalty;

    /** An anchor whose KL pass takes each step's batch at once. */
    public Anchor(Type type, double weight, LanguageModel base) {
        this(type, weight, base, 0);
    }

    /** With the KL pass split into micro-batches of {@code microBatch} blocks (0: the whole batch at once). */
    public Anchor(Type type, double weight, LanguageModel base, int microBatch) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("anchor weight must be finite and >= 0, got " + weight);
        }
        if (microBatch < 0) {
            throw new IllegalArgumentException("anchor micro-batch must be >= 0, got " + microBatch);
        }
        this.type = type;
        this.weight = weight;
        this.base = base;
        this.microBatch = microBatch;
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
    public void afterBackward(LanguageModel model, long step, List<int[]> batch) {
        if (weight == 0) {
            lastPenalty = 0;
            return;
        }
        if (type == Type.L2) {
            lastPenalty = weight / 2 * model.addL2Pull(base, weight);
            return;
        }
        double targets = batch.size() * (double) (batch.get(0).length - 1);
        int micro = microBatch == 0 ? batch.size() : microBatch;
        double kl = 0;
        for (int from = 0; from < batch.size(); from += micro) {
            Batch part = Batch.nextToken(batch.subList(from, Math.min(batch.size(), from + micro)));
            kl += model.addKlPull(part, weight / targets, base);
        }
        lastPenalty = weight * kl / targets;
    }
}
