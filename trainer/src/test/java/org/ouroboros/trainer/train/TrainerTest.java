package org.ouroboros.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.nd4j.OptModel;

class TrainerTest {
    private static final OptConfig CFG = new OptConfig(32, 32, 2, 2, 64, 32, 1, 1, 0);

    @Test
    void drivesTheLossOnOneBatchNearZero() {
        OptModel model = OptModel.initialize(CFG, 1, DataType.FLOAT);
        List<int[]> batch = randomBlocks(4, 16, 9);
        TrainConfig cfg = new TrainConfig(300, 0, 4, 0, 1e-2, 1e-3, 10, 0.0, 1.0, 0);
        TrainResult r = new Trainer(cfg, TrainListener.NONE).train(model, batch, List.of());
        double first = r.stepLosses().get(0);
        double last = r.stepLosses().get(r.stepLosses().size() - 1);
        assertEquals(Math.log(32), first, 0.3, "an untrained model is near uniform");
        assertTrue(last < 0.05, "loss should approach zero, was " + last);
    }

    @Test
    void sameSeedGivesTheSameLossCurveAndAnotherSeedDoesNot() {
        List<int[]> train = randomBlocks(24, 12, 4);
        List<int[]> valid = randomBlocks(4, 12, 5);
        TrainConfig cfg = new TrainConfig(2, 0, 8, 4, 3e-3, 1e-4, 2, 0.01, 1.0, 42);
        List<Double> a = run(cfg, train, valid).stepLosses();
        List<Double> b = run(cfg, train, valid).stepLosses();
        List<Double> c = run(cfg.withSeed(43), train, valid).stepLosses();
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(6, a.size());
    }

    @Test
    void microBatchesGiveTheSameStepAsOneBatch() {
        List<int[]> train = randomBlocks(8, 10, 6);
        TrainConfig whole = new TrainConfig(1, 0, 8, 0, 1e-3, 1e-4, 0, 0.0, 0.0, 3);
        TrainConfig split = new TrainConfig(1, 0, 8, 2, 1e-3, 1e-4, 0, 0.0, 0.0, 3);
        OptModel m1 = OptModel.initialize(CFG, 2, DataType.DOUBLE);
        OptModel m2 = OptModel.initialize(CFG, 2, DataType.DOUBLE);
        new Trainer(whole, TrainListener.NONE).train(m1, train, List.of());
        new Trainer(split, TrainListener.NONE).train(m2, train, List.of());
        double diff = m1.parameters().flat().sub(m2.parameters().flat()).norm2Number().doubleValue();
        assertTrue(diff < 1e-10, "parameters differ by " + diff);
    }

    @Test
    void divergenceStopsWithTheBestCheckpointRestored() {
        OptModel model = OptModel.initialize(CFG, 3, DataType.FLOAT);
        List<INDArray> snapshot = new ArrayList<>();
        TrainListener poison = new TrainListener() {
            @Override
            public void onEpoch(TrainResult.Epoch epoch, boolean improved, LanguageModel lm) {
                OptModel m = (OptModel) lm;
                if (epoch.epoch() == 1) {
                    snapshot.add(m.parameters().flat().dup());
                    m.parameters().get("model.decoder.layers.0.fc1.weight").putScalar(0, Float.NaN);
                }
            }
        };
        TrainConfig cfg = new TrainConfig(3, 0, 4, 0, 1e-3, 1e-4, 0, 0.0, 1.0, 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(cfg, poison).train(model, randomBlocks(8, 8, 1), randomBlocks(2, 8, 2)));
        assertTrue(e.getMessage().contains("epoch 1"), e.getMessage());
        assertEquals(3, e.step());
        assertEquals(snapshot.get(0), model.parameters().flat());
    }

    @Test
    void anInfiniteGradientWithAFiniteLossIsNamedAsSuchAndNoStepIsTaken() {
        OptModel model = OptModel.initialize(CFG, 5, DataType.FLOAT);
        INDArray initial = model.parameters().flat().dup();
        GradientHook poison = (lm, step, batch) ->
                ((OptModel) lm).gradients().get("model.decoder.layers.0.fc1.weight").putScalar(0, Float.POSITIVE_INFINITY);
        TrainConfig cfg = new TrainConfig(1, 0, 4, 0, 1e-3, 1e-4, 0, 0.0, 1.0, 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () ->
                new Trainer(cfg, TrainListener.NONE, poison).train(model, randomBlocks(8, 8, 1), List.of()));
        assertTrue(e.getMessage().contains("at step 1 (epoch 1): the gradient norm is Infinity (loss "), e.getMessage());
        assertTrue(e.getMessage().endsWith("restored to its initial parameters"), e.getMessage());
        assertEquals(initial, model.parameters().flat());
    }

    @Test
    void keepsTheEpochWithTheBestValidationLoss() {
        OptModel model = OptModel.initialize(CFG, 4, DataType.FLOAT);
        List<int[]> train = randomBlocks(16, 12, 7);
        List<int[]> valid = randomBlocks(4, 12, 8);   // unrelated text: overfitting raises its loss
        List<INDArray> perEpoch = new ArrayList<>();
        TrainListener keep = new TrainListener() {
            @Override
            public void onEpoch(TrainResult.Epoch epoch, boolean improved, LanguageModel lm) {
                OptModel m = (OptModel) lm;
                perEpoch.add(m.parameters().flat().dup());
            }
        };
        TrainConfig cfg = new TrainConfig(8, 0, 4, 0, 1e-2, 1e-3, 0, 0.0, 1.0, 0);
        TrainResult r = new Trainer(cfg, keep).train(model, train, valid);
        double min = r.epochs().stream().mapToDouble(TrainResult.Epoch::validLoss).min().orElseThrow();
        assertEquals(min, r.bestValidLoss());
        assertEquals(perEpoch.get(r.bestEpoch() - 1), model.parameters().flat());
        assertTrue(r.bestEpoch() < 8, "validation on unrelated text should peak early");
    }

    private static TrainResult run(TrainConfig cfg, List<int[]> train, List<int[]> valid) {
        OptModel model = OptModel.initialize(CFG, 7, DataType.FLOAT);
        return new Trainer(cfg, TrainListener.NONE).train(model, train, valid);
    }

    static List<int[]> randomBlocks(int n, int len, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(rng.ints(len, 2, 32).toArray());
        }
        return out;
    }
}
