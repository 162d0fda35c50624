package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.train.TrainConfig;
import org.ouroboros.trainer.train.TrainListener;
import org.ouroboros.trainer.train.TrainResult;
import org.ouroboros.trainer.train.Trainer;

/**
 * Training on the PyTorch engine while the JVM collects garbage gives exactly the figures of training without
 * collections. {@code scripts/ouro train --engine pytorch} diverged to NaN after a few steps because a full
 * collection (the launcher's small young generation and periodic GC make them frequent) freed native memory
 * libtorch was still using; a plain JVM in the tests rarely collected the old generation, so never diverged.
 */
class GcDuringTrainingTest {
    private static final OptConfig CFG = new OptConfig(2048, 256, 4, 4, 1024, 66, 1, 1, 0);

    @Test
    void fullCollectionsDuringTrainingChangeNothing() throws Exception {
        List<int[]> blocks = RandomBlocks.of(192, 64, CFG.vocabSize(), 7);
        TrainConfig cfg = new TrainConfig(1, 0, 16, 0, 1e-3, 1e-4, 2, 0.01, 1.0, 3);
        PyTorchEngine engine = PyTorchEngine.on("cpu");
        Result quiet = train(engine, cfg, blocks, false);
        Result collected = train(engine, cfg, blocks, true);
        assertTrue(collected.collections() >= 3, "the collector ran " + collected.collections() + " times");
        assertEquals(quiet.losses(), collected.losses());
        assertEquals(quiet.tensors(), collected.tensors());
    }

    private record Result(List<Double> losses, Map<String, Tensor> tensors, int collections) {
    }

    private static Result train(PyTorchEngine engine, TrainConfig cfg, List<int[]> blocks, boolean collect)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger collections = new AtomicInteger();
        Thread gc = new Thread(() -> {
            while (collect && running.get()) {
                System.gc();
                collections.incrementAndGet();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (LanguageModel model = engine.initialize(CFG, 11)) {
            gc.start();
            TrainResult r;
            try {
                r = new Trainer(cfg, new TrainListener() { }).train(model, blocks, List.of());
            } finally {
                running.set(false);
                gc.join();
            }
            return new Result(r.stepLosses(), model.tensors(), collections.get());
        }
    }
}
