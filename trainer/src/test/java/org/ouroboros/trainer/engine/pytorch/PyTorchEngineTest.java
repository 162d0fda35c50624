package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.Scores;
import org.ouroboros.trainer.engine.Snapshot;
import org.ouroboros.trainer.optim.AdamW;

/** The PyTorch engine on its own: decoding, snapshots, tensors in and out, training, bf16. */
class PyTorchEngineTest {
    private static final OptConfig CFG = new OptConfig(32, 16, 2, 2, 32, 24, 1, 1, 0);
    private static PyTorchEngine engine;
    private static LanguageModel model;

    @BeforeAll
    static void start() {
        engine = PyTorchEngine.on("cpu");
        model = engine.initialize(CFG, 5);
    }

    @AfterAll
    static void stop() {
        model.close();
    }

    @Test
    void kvCacheDecodingGivesTheFullForwardsLogits() {
        int[][] rows = ids(2, 9, 1);
        float[][] full = model.logits(rows);
        try (Decoder d = model.newDecoder(2, 12)) {
            int[][] prompt = {slice(rows[0], 0, 5), slice(rows[1], 0, 5)};
            float[][] s = d.step(prompt).toHost();
            assertClose(full[4], s[0], 1e-5);
            assertClose(full[9 + 4], s[1], 1e-5);
            for (int t = 5; t < 9; t++) {
                s = d.step(new int[][] {{rows[0][t]}, {rows[1][t]}}).toHost();
                assertClose(full[t], s[0], 1e-5);
                assertClose(full[9 + t], s[1], 1e-5);
            }
            assertEquals(9, d.length());
            assertThrows(IllegalStateException.class, () -> d.step(new int[][] {{1, 2, 3, 4}, {1, 2, 3, 4}}));
        }
    }

    @Test
    void reorderingTheCacheMovesWholeRows() {
        int[][] rows = ids(2, 6, 2);
        try (Decoder d = model.newDecoder(2, 8)) {
            d.step(rows);
            d.reorder(new int[] {1, 1});
            float[][] s = d.step(new int[][] {{3}, {3}}).toHost();
            float[][] full = model.logits(new int[][] {append(rows[1], 3)});
            assertClose(full[6], s[0], 1e-5);
            assertClose(full[6], s[1], 1e-5);
        }
    }

    @Test
    void tensorsRoundTripBitForBitAndInitialisationFollowsTheSeed() {
        Map<String, Tensor> out = model.tensors();
        try (LanguageModel copy = engine.fromTensors(CFG, out); LanguageModel same = engine.initialize(CFG, 5);
             LanguageModel other = engine.initialize(CFG, 6)) {
            assertEquals(out, copy.tensors());
            assertEquals(out, same.tensors());
            assertNotEquals(out, other.tensors());
        }
        Tensor norm = out.get("model.decoder.layers.0.final_layer_norm.weight");
        assertEquals(1f, norm.data()[0]);
        assertEquals(0f, out.get("model.decoder.layers.0.fc1.bias").data()[3]);
    }

    @Test
    void trainingOnOneBatchLowersItsLossAndRestoreUndoesIt() {
        try (LanguageModel m = engine.initialize(CFG, 11)) {
            Batch batch = Batch.nextToken(List.of(ids(4, 12, 3)));
            Snapshot start = m.snapshot();
            double first = m.forwardBackward(batch, 1.0 / batch.targetCount()).mean();
            double last = first;
            for (int step = 0; step < 30; step++) {
                m.zeroGradients();
                last = m.forwardBackward(batch, 1.0 / batch.targetCount()).mean();
                double norm = m.clipGradients(1.0);
                assertTrue(norm > 0 && Double.isFinite(norm));
                m.adamWStep(AdamW.Config.defaults(0.01), 1e-2);
            }
            assertTrue(last < first - 0.5, "loss should fall when overfitting one batch: " + first + " -> " + last);
            m.restore(start);
            assertEquals(first, m.forwardBackward(batch, 0).mean(), 1e-6);
            start.close();
        }
    }

    @Test
    void adamWFollowsTorchsFormulaAndDecaysOnlyTheMatrices() {
        try (PyTorchModel m = (PyTorchModel) engine.initialize(CFG, 13)) {
            Batch batch = Batch.nextToken(List.of(ids(2, 8, 9)));
            AdamW.Config config = new AdamW.Config(0.8, 0.9, 1e-6, 0.5);
            double lr = 0.05;
            Map<String, double[]> mom = new java.util.HashMap<>();
            Map<String, double[]> vel = new java.util.HashMap<>();
            for (int step = 1; step <= 2; step++) {
                Map<String, Tensor> before = m.tensors();
                m.zeroGradients();
                m.forwardBackward(batch, 1.0 / batch.targetCount());
                Map<String, Tensor> grads = m.gradientTensors();
                m.adamWStep(config, lr);
                Map<String, Tensor> after = m.tensors();
                for (String name : before.keySet()) {
                    float[] p = before.get(name).data();
                    float[] g = grads.get(name).data();
                    double[] mm = mom.computeIfAbsent(name, k -> new double[p.length]);
                    double[] vv = vel.computeIfAbsent(name, k -> new double[p.length]);
                    boolean decayed = before.get(name).shape().length == 2;
                    for (int i = 0; i < p.length; i++) {
                        mm[i] = 0.8 * mm[i] + 0.2 * g[i];
                        vv[i] = 0.9 * vv[i] + 0.1 * g[i] * g[i];
                        double q = p[i] * (decayed ? 1 - lr * 0.5 : 1);
                        double expected = q - lr / (1 - Math.pow(0.8, step)) * mm[i]
                                / (Math.sqrt(vv[i]) / Math.sqrt(1 - Math.pow(0.9, step)) + 1e-6);
                        assertEquals(expected, after.get(name).data()[i], 2e-6 * Math.max(1, Math.abs(expected)),
                                name + "[" + i + "] at step " + step);
                    }
                }
            }
        }
    }

    @Test
    void gradientsAccumulateOverMicroBatchesUntilZeroed() {
        try (LanguageModel m = engine.initialize(CFG, 12)) {
            Batch batch = Batch.nextToken(List.of(ids(2, 8, 4)));
            m.zeroGradients();
            m.forwardBackward(batch, 1.0);
            double once = m.clipGradients(0);
            m.forwardBackward(batch, 1.0);
            assertEquals(2 * once, m.clipGradients(0), 1e-4 * once);
            m.zeroGradients();
            assertEquals(0.0, m.clipGradients(0));
        }
    }

    @Test
    void greedyScoresOpsChooseOnTheDevice() {
        try (Decoder d = model.newDecoder(2, 8)) {
            Scores s = d.step(ids(2, 3, 7));
            float[][] host = s.toHost();
            int[] best = s.argmax();
            for (int r = 0; r < 2; r++) {
                int expected = 0;
                for (int v = 1; v < host[r].length; v++) {
                    expected = host[r][v] > host[r][expected] ? v : expected;
                }
                assertEquals(expected, best[r]);
            }
            s.forbid(new int[][] {{best[0]}, {}});
            assertEquals(Float.NEGATIVE_INFINITY, s.toHost()[0][best[0]]);
            assertNotEquals(best[0], s.argmax()[0]);
            assertEquals(best[1], s.argmax()[1]);
        }
    }

    @Test
    void badDevicesAreRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PyTorchEngine.on("cuda:3"));
        assertTrue(e.getMessage().contains("GPU"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PyTorchEngine.on("tpu"));
        assertThrows(IllegalArgumentException.class, () -> model.newDecoder(1, 25));
    }

    static int[][] ids(int b, int t, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] rows = new int[b][t];
        for (int[] row : rows) {
            row[0] = 1;
            for (int j = 1; j < t; j++) {
                row[j] = rng.nextInt(CFG.vocabSize());
            }
        }
        return rows;
    }

    static void assertClose(float[] expected, float[] got, double relative) {
        double scale = 0;
        for (float e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], relative * scale, "index " + i);
        }
    }

    private static int[] slice(int[] row, int from, int to) {
        return java.util.Arrays.copyOfRange(row, from, to);
    }

    private static int[] append(int[] row, int token) {
        int[] out = java.util.Arrays.copyOf(row, row.length + 1);
        out[row.length] = token;
        return out;
    }

    @Test
    void providerDescribesTheBuildWithoutStartingLibtorch() {
        PyTorchEngineProvider p = new PyTorchEngineProvider();
        assertEquals(null, p.unavailableReason());
        assertTrue(p.buildDescription().contains("libtorch 2.5.1 cpu"), p.buildDescription());
        assertTrue(p.runsOnCpu());
        boolean cuda = PyTorchEngineProvider.nativeBuilds().stream().anyMatch(b -> b.flavor().startsWith("cu"));
        assertEquals(cuda ? PyTorchEngineProvider.CU124_ARCHITECTURES : java.util.Set.of(), p.gpuArchitectures(),
                "CUDA architectures only with the CUDA libtorch (-Pcuda)");
    }
}
