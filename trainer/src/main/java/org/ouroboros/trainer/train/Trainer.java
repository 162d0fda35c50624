package org.ouroboros.trainer.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ouroboros.data.tokens.Shuffle;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.Snapshot;
import org.ouroboros.trainer.eval.Evaluator;
import org.ouroboros.trainer.optim.AdamW;
import org.ouroboros.trainer.optim.LrSchedule;

/**
 * Trains a {@link LanguageModel} of any engine on fixed-length token blocks: shuffled epochs, AdamW with
 * warm-up and cosine decay, gradient clipping, validation after every epoch, and the best-validation
 * weights kept (the paper keeps the checkpoint with the best real validation loss) as a snapshot on the
 * engine's device. A non-finite loss stops training with the last good weights restored. Everything
 * seed-driven (block order, schedule, the clipping decision) is here, so engines train alike.
 */
public final class Trainer {
    private final TrainConfig config;
    private final TrainListener listener;
    private final GradientHook hook;

    public Trainer(TrainConfig config, TrainListener listener) {
        this(config, listener, GradientHook.NONE);
    }

    /** With {@code hook} run after each step's backward passes, before clipping (e.g. an anchor to a base model). */
    public Trainer(TrainConfig config, TrainListener listener, GradientHook hook) {
        this.config = config;
        this.listener = listener;
        this.hook = hook;
    }

    /** Optimizer steps for {@code blocks} training blocks under {@code config}. */
    public static long totalSteps(TrainConfig config, int blocks) {
        long perEpoch = (blocks + config.batchSize() - 1) / config.batchSize();
        long total = perEpoch * config.epochs();
        return config.maxSteps() > 0 ? Math.min(total, config.maxSteps()) : total;
    }

    /** Trains {@code model} in place; on return it holds the best epoch's weights. */
    public TrainResult train(LanguageModel model, List<int[]> train, List<int[]> valid) {
        return train(model, train, null, valid);
    }

    /** As {@link #train(LanguageModel, List, List)}, each block's tokens weighted in the loss by {@code weights} (null: 1). */
    public TrainResult train(LanguageModel model, List<int[]> train, double[] weights, List<int[]> valid) {
        if (weights != null && weights.length != train.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + train.size() + " blocks");
        }
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training blocks");
        }
        long total = totalSteps(config, train.size());
        LrSchedule schedule = new LrSchedule(config.lr(), config.minLr(), config.warmupSteps(), total);
        AdamW.Config adam = AdamW.Config.defaults(config.weightDecay());
        model.resetOptimizer();
        try (BestWeights best = new BestWeights(model)) {
            return train(model, train, weights, valid, total, schedule, adam, best);
        }
    }

    /** The best weights so far as one snapshot on the model's device (the initial weights at first). */
    private static final class BestWeights implements AutoCloseable {
        private final LanguageModel model;
        private Snapshot snapshot;

        BestWeights(LanguageModel model) {
            this.model = model;
            this.snapshot = model.snapshot();
        }

        void update() {
            snapshot.close();
            snapshot = model.snapshot();
        }

        void restore() {
            model.restore(snapshot);
        }

        @Override
        public void close() {
            snapshot.close();
        }
    }

    private TrainResult train(LanguageModel model, List<int[]> train, double[] weights, List<int[]> valid, long total,
                              LrSchedule schedule, AdamW.Config adam, BestWeights best) {
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        List<TrainResult.Epoch> epochs = new ArrayList<>();
        List<Double> stepLosses = new ArrayList<>();
        long step = 0;
        long tokens = 0;
        long stepNanos = 0;
        long start = System.nanoTime();
        for (int epoch = 0; epoch < config.epochs() && step < total; epoch++) {
            long epochStart = System.nanoTime();
            int[] order = Shuffle.permutation(train.size(), config.seed(), epoch);
            double lossSum = 0;
            long epochSteps = 0;
            long loopStart = System.nanoTime();
            for (int from = 0; from < order.length && step < total; from += config.batchSize()) {
                List<int[]> batch = pick(train, order, from, config.batchSize());
                double lr = schedule.at(step);
                double[] batchWeights = weights == null ? null : pickWeights(weights, order, from, config.batchSize());
                StepResult result = step(model, adam, batch, batchWeights, lr, step);
                step++;
                if (result.divergence() != null) {
                    best.restore();
                    throw new TrainingDivergedException(step, String.format(
                            "training diverged at step %d (epoch %d): %s; the model was restored to %s",
                            step, epoch + 1, result.divergence(), bestEpoch < 0 ? "its initial parameters"
                                    : "the best checkpoint (epoch " + (bestEpoch + 1) + ")"));
                }
                double loss = result.loss();
                tokens += batch.size() * (long) (batch.get(0).length - 1);
                lossSum += loss;
                epochSteps++;
                stepLosses.add(loss);
                double seconds = (stepNanos + System.nanoTime() - loopStart) / 1e9;
                listener.onStep(step, total, loss, lr, tokens / Math.max(seconds, 1e-9));
            }
            stepNanos += System.nanoTime() - loopStart;          // throughput leaves out validation and saving
            double validLoss = valid.isEmpty() ? lossSum / epochSteps : validationLoss(model, valid);
            boolean improved = validLoss < bestLoss;
            if (improved) {
                bestLoss = validLoss;
                bestEpoch = epoch;
                best.update();
            }
            TrainResult.Epoch record = new TrainResult.Epoch(epoch + 1, epochSteps, lossSum / epochSteps, validLoss,
                    (System.nanoTime() - epochStart) / 1e9);
            epochs.add(record);
            listener.onEpoch(record, improved, model);
        }
        best.restore();
        return new TrainResult(epochs, bestEpoch + 1, bestLoss, step, tokens, (System.nanoTime() - start) / 1e9,
                stepNanos / 1e9, stepLosses);
    }

    /** A step's mean token loss and its gradient norm before clipping (NaN when the loss already was not finite). */
    private record StepResult(double loss, double gradNorm) {
        /** What was not finite, in words, or null when the step was taken. */
        String divergence() {
            if (!Double.isFinite(loss)) {
                return "loss is " + loss;
            }
            return Double.isFinite(gradNorm) ? null
                    : String.format(Locale.ROOT, "the gradient norm is %s (loss %.4f)", gradNorm, loss);
        }
    }

    /** One optimizer step over a batch split into micro-batches; no update where the loss or gradient is not finite. */
    private StepResult step(LanguageModel model, AdamW.Config adam, List<int[]> batch, double[] weights, double lr,
                        long step) {
        model.zeroGradients();
        double targets = batch.size() * (double) (batch.get(0).length - 1);
        double nll = 0;
        int micro = config.effectiveMicroBatch();
        for (int from = 0; from < batch.size(); from += micro) {
            List<int[]> part = batch.subList(from, Math.min(batch.size(), from + micro));
            Batch b = Batch.nextToken(part);
            nll += model.forwardBackward(weights == null ? b : weighted(b, weights, from), 1.0 / targets).nllSum();
        }
        double loss = nll / targets;
        if (!Double.isFinite(loss)) {
            return new StepResult(loss, Double.NaN);
        }
        hook.afterBackward(model, step, batch);
        double norm = model.clipGradients(config.gradClip());
        if (Double.isFinite(norm)) {
            model.adamWStep(adam, lr);
        }
        return new StepResult(loss, norm);
    }

    private static double validationLoss(LanguageModel model, List<int[]> valid) {
        Evaluator.BlockScores s = Evaluator.score(model, valid, 32);
        return s.totalNll() / s.totalTokens();
    }

    private static double[] pickWeights(double[] weights, int[] order, int from, int size) {
        double[] out = new double[Math.min(order.length, from + size) - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights[order[from + i]];
        }
        return out;
    }

    /** {@code b} with row r's position weights times {@code weights[offset + r]}. */
    private static Batch weighted(Batch b, double[] weights, int offset) {
        float[] w = b.weights().clone();
        for (int r = 0; r < b.size(); r++) {
            for (int t = 0; t < b.length(); t++) {
                w[r * b.length() + t] *= (float) weights[offset + r];
            }
        }
        return new Batch(b.size(), b.length(), b.ids(), b.targets(), w);
    }

    private static List<int[]> pick(List<int[]> blocks, int[] order, int from, int size) {
        List<int[]> out = new ArrayList<>(size);
        for (int i = from; i < Math.min(order.length, from + size); i++) {
            out.add(blocks.get(order[i]));
        }
        return out;
    }
}
