package org.ouroboros.trainer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OpCounting;
import org.ouroboros.trainer.engine.Scores;
import org.ouroboros.trainer.optim.AdamW;

/**
 * {@code bench train|sample --profile-ops}: the native ops and host<->device copies of one training step
 * (forward, backward, clipping, AdamW) and of one greedy decoding step, counted by an engine that can
 * ({@link OpCounting}), after a warm-up step so buffers exist.
 *
 * @param mode   how the engine counted (ND4J: with the host paths off)
 * @param counts per step
 * @param steps  steps counted (the figures are their mean)
 */
public record OpsProfile(String what, String mode, OpCounting.Counts counts, int steps) {
    private static final int STEPS = 3;

    private static OpCounting counting(Engine engine) {
        if (!(engine instanceof OpCounting c)) {
            throw new BadInputException("--profile-ops: engine " + engine.name() + " does not count its ops");
        }
        return c;
    }

    /** Ops per training step at {@code shape}. */
    public static OpsProfile train(Engine engine, BenchShape shape) {
        OpCounting counting = counting(engine);
        AdamW.Config adam = AdamW.Config.defaults(0.01);
        SplittableRandom rng = new SplittableRandom(0);
        try (LanguageModel model = engine.initialize(shape.config(shape.blockSize()), 0)) {
            Runnable step = () -> {
                List<int[]> rows = new ArrayList<>();
                for (int i = 0; i < shape.batchSize(); i++) {
                    rows.add(rng.ints(shape.blockSize(), 0, shape.vocab()).toArray());
                }
                Batch batch = Batch.nextToken(rows);
                model.zeroGradients();
                model.forwardBackward(batch, 1.0 / batch.targetCount());
                model.clipGradients(1.0);
                model.adamWStep(adam, 1e-4);
            };
            counting.count(step);                                    // warm-up: buffers for this shape
            OpCounting.Counts c = counting.count(() -> {
                for (int i = 0; i < STEPS; i++) {
                    step.run();
                }
            });
            return new OpsProfile("training step", counting.countingMode(), c.per(STEPS), STEPS);
        }
    }

    /** Ops per greedy decoding step (one new token for each of the batch's sequences) after a prompt. */
    public static OpsProfile sample(Engine engine, BenchShape shape, int promptLength) {
        OpCounting counting = counting(engine);
        SplittableRandom rng = new SplittableRandom(0);
        int b = shape.batchSize();
        try (LanguageModel model = engine.initialize(shape.config(promptLength + 2 * STEPS + 2), 0);
             Decoder decoder = model.newDecoder(b, promptLength + 2 * STEPS + 2)) {
            int[][] prompts = new int[b][];
            for (int i = 0; i < b; i++) {
                prompts[i] = rng.ints(promptLength, 0, shape.vocab()).toArray();
            }
            Scores[] scores = {decoder.step(prompts)};
            Runnable step = () -> {
                int[] next = scores[0].argmax();
                int[][] rows = new int[b][1];
                for (int i = 0; i < b; i++) {
                    rows[i][0] = next[i];
                }
                scores[0] = decoder.step(rows);
            };
            counting.count(step);                                    // warm-up: the one-token scratch
            OpCounting.Counts c = counting.count(() -> {
                for (int i = 0; i < STEPS; i++) {
                    step.run();
                }
            });
            return new OpsProfile("decoding step", counting.countingMode(), c.per(STEPS), STEPS);
        }
    }

    /** Prints the profile as JSON or as {@link #describe} and the per-op breakdown. */
    public void print(java.io.PrintWriter out, boolean json) {
        if (json) {
            org.ouroboros.cli.Json.print(out, this);
        } else {
            out.println(describe());
            out.println("  per op, summed over the " + steps + " steps:");
            out.println(counts.breakdown());
            out.flush();
        }
    }

    /** One line for the terminal. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "  ops per %s (%s): %d ops, %d copies to the device, %d to the host"
                + " (mean of %d steps)", what, mode, counts.ops(), counts.copiesToDevice(), counts.copiesToHost(), steps);
    }
}
