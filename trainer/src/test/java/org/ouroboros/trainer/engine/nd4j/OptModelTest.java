package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class OptModelTest {
    private static final OptConfig CFG = TinyModels.config();

    @Test
    void logitsMatchAnIndependentPlainJavaForward() {
        Map<String, float[]> weights = TinyModels.randomWeights(CFG, 7);
        OptModel model = TinyModels.model(CFG, 7, DataType.FLOAT);
        ReferenceOpt reference = new ReferenceOpt(CFG, weights);
        int[][] rows = randomIds(3, 11, 5);
        INDArray logits = model.logitsArray(rows);
        double maxAbs = 0;
        for (int b = 0; b < rows.length; b++) {
            double[][] expected = reference.logits(rows[b]);
            for (int t = 0; t < rows[b].length; t++) {
                for (int v = 0; v < CFG.vocabSize(); v++) {
                    double got = logits.getDouble(b * rows[b].length + t, v);
                    maxAbs = Math.max(maxAbs, Math.abs(expected[t][v]));
                    assertEquals(expected[t][v], got, 2e-4, "logit b=" + b + " t=" + t + " v=" + v);
                }
            }
        }
        assertTrue(maxAbs > 1.0, "logits should be far from zero for the comparison to mean anything");
    }

    @Test
    void tokenNllIsTheCrossEntropyOfTheLogits() {
        OptModel model = TinyModels.model(CFG, 3, DataType.FLOAT);
        int[][] rows = randomIds(2, 9, 8);
        INDArray logits = model.logitsArray(rows);
        double[] nll = model.tokenNll(Batch.nextToken(List.of(rows)));
        for (int b = 0; b < 2; b++) {
            for (int t = 0; t < 9; t++) {
                int row = b * 9 + t;
                if (t == 8) {
                    assertEquals(0.0, nll[row], "last position has no target");
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < CFG.vocabSize(); v++) {
                    max = Math.max(max, logits.getDouble(row, v));
                }
                double z = 0;
                for (int v = 0; v < CFG.vocabSize(); v++) {
                    z += Math.exp(logits.getDouble(row, v) - max);
                }
                double expected = Math.log(z) + max - logits.getDouble(row, rows[b][t + 1]);
                assertEquals(expected, nll[row], 1e-4);
            }
        }
    }

    @Test
    void tokenEntropyIsTheEntropyOfTheSoftmax() {
        OptModel model = TinyModels.model(CFG, 4, DataType.DOUBLE);
        int[][] rows = randomIds(2, 5, 3);
        INDArray logits = model.logitsArray(rows);
        double[] h = model.tokenEntropy(rows);
        for (int r = 0; r < 10; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < CFG.vocabSize(); v++) {
                max = Math.max(max, logits.getDouble(r, v));
            }
            double z = 0;
            for (int v = 0; v < CFG.vocabSize(); v++) {
                z += Math.exp(logits.getDouble(r, v) - max);
            }
            double expected = 0;
            for (int v = 0; v < CFG.vocabSize(); v++) {
                double p = Math.exp(logits.getDouble(r, v) - max) / z;
                expected -= p * Math.log(p);
            }
            assertEquals(expected, h[r], 1e-9);
            assertTrue(h[r] > 0 && h[r] < Math.log(CFG.vocabSize()));
        }
    }

    @Test
    void analyticGradientsMatchFiniteDifferencesInDoublePrecision() {
        OptModel model = TinyModels.model(CFG, 11, DataType.DOUBLE);
        Batch batch = Batch.nextToken(List.of(randomIds(2, 7, 12)));
        double n = batch.targetCount();
        model.gradients().flat().assign(0);
        model.forwardBackward(batch, 1.0 / n);
        double[] analytic = model.gradients().flat().toDoubleVector();
        INDArray flat = model.parameters().flat();
        SplittableRandom rng = new SplittableRandom(1);
        ParameterLayout layout = model.parameters().layout();
        int checked = 0;
        for (ParameterLayout.Entry e : layout.canonicalOrder()) {
            for (int k = 0; k < 3; k++) {
                long idx = e.offset() + rng.nextLong(e.size());
                double original = flat.getDouble(idx);
                double h = 1e-5;
                flat.putScalar(idx, original + h);
                double plus = meanLoss(model, batch);
                flat.putScalar(idx, original - h);
                double minus = meanLoss(model, batch);
                flat.putScalar(idx, original);
                double numeric = (plus - minus) / (2 * h);
                double a = analytic[(int) idx];
                double err = Math.abs(a - numeric) / Math.max(1e-6, Math.abs(a) + Math.abs(numeric));
                assertTrue(err < 1e-5 || Math.abs(a - numeric) < 1e-9,
                        e.name() + "[" + (idx - e.offset()) + "]: analytic " + a + " numeric " + numeric);
                checked++;
            }
        }
        assertTrue(checked > 50);
    }

    @Test
    void gradientsOfTheEmbeddingRowsOfUnusedTokensComeOnlyFromTheLmHead() {
        OptModel model = TinyModels.model(CFG, 5, DataType.DOUBLE);
        Batch batch = Batch.nextToken(List.of(new int[] {3, 4, 5, 3, 4}));
        model.forwardBackward(batch, 1.0 / batch.targetCount());
        INDArray dWte = model.gradients().embedTokens();
        assertTrue(dWte.getRow(3).norm2Number().doubleValue() > 0);
        // Position rows beyond the sequence get no gradient at all.
        INDArray dWpe = model.gradients().embedPositions();
        assertEquals(0.0, dWpe.getRow(0).norm2Number().doubleValue());
        assertEquals(0.0, dWpe.getRow(5 + 2).norm2Number().doubleValue());
        assertTrue(dWpe.getRow(2).norm2Number().doubleValue() > 0);
    }

    @Test
    void kvCacheDecodingGivesTheSameLogitsAsTheFullForward() {
        OptModel model = TinyModels.model(CFG, 21, DataType.FLOAT);
        int[][] rows = randomIds(3, 12, 2);
        INDArray full = model.logitsArray(rows);
        KvCache cache = model.newCache(3, 16);
        int prompt = 5;
        int[][] prefix = new int[3][];
        for (int b = 0; b < 3; b++) {
            prefix[b] = java.util.Arrays.copyOf(rows[b], prompt);
        }
        INDArray step = model.decode(cache, prefix);
        assertRowsEqual(full, step, rows, prompt - 1);
        for (int t = prompt; t < 12; t++) {
            int[][] next = new int[3][1];
            for (int b = 0; b < 3; b++) {
                next[b][0] = rows[b][t];
            }
            step = model.decode(cache, next);
            assertRowsEqual(full, step, rows, t);
        }
        assertEquals(12, cache.length());
        assertThrows(IllegalArgumentException.class, () -> model.decode(cache, new int[3][5]));
    }

    @Test
    void hostBlasDecodingMatchesTheNd4jOpsPath() {
        CpuBackend.assume();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            OptModel model = TinyModels.model(CFG, 23, type);
            int[][] rows = randomIds(3, 14, 5);
            KvCache host = model.newCache(3, 16);
            KvCache nd4j = model.newCache(3, 16);
            int[][] prompt = new int[3][];
            for (int b = 0; b < 3; b++) {
                prompt[b] = java.util.Arrays.copyOf(rows[b], 6);
            }
            assertClose(decodeWithNd4jOps(model, nd4j, prompt), model.decode(host, prompt), type);
            for (int t = 6; t < 14; t++) {
                int[][] next = new int[3][1];
                for (int b = 0; b < 3; b++) {
                    next[b][0] = rows[b][t];
                }
                assertClose(decodeWithNd4jOps(model, nd4j, next), model.decode(host, next), type);
            }
            assertEquals(9L * CFG.numLayers(), host.hostBlasLayers, "every step's attention ran on the host BLAS");
            assertEquals(0L, nd4j.hostBlasLayers);
        }
    }

    @Test
    void hostBlasTrainingMatchesTheNd4jOpsPath() {
        CpuBackend.assume();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            OptModel model = TinyModels.model(CFG, 29, type);
            Batch batch = Batch.nextToken(List.of(randomIds(3, 9, 6)));
            Pass host = trainingPass(model, batch, true);
            Pass nd4j = trainingPass(model, batch, false);
            assertClose(nd4j.gradients(), host.gradients(), type);
            assertEquals(nd4j.loss(), host.loss(), type == DataType.DOUBLE ? 1e-12 : 1e-5);
            assertTrue(host.gradients().norm2Number().doubleValue() > 0, "gradients should not vanish");
        }
    }

    private record Pass(double loss, INDArray gradients) {
    }

    /** The mean loss and a copy of the gradients of one forward/backward, with the host BLAS on or off. */
    private static Pass trainingPass(OptModel model, Batch batch, boolean hostBlas) {
        boolean was = HostBlas.enabled;
        HostBlas.enabled = hostBlas;
        try {
            model.gradients().flat().assign(0);
            double loss = model.forwardBackward(batch, 1.0 / batch.targetCount()).mean();
            return new Pass(loss, model.gradients().flat().dup());
        } finally {
            HostBlas.enabled = was;
        }
    }

    /** One decoding step with {@link HostBlas} switched off: every product, LayerNorm and Linear as ND4J ops. */
    private static INDArray decodeWithNd4jOps(OptModel model, KvCache cache, int[][] tokens) {
        boolean was = HostBlas.enabled;
        HostBlas.enabled = false;
        try {
            return model.decode(cache, tokens).dup();
        } finally {
            HostBlas.enabled = was;
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, DataType type) {
        double tolerance = type == DataType.DOUBLE ? 1e-10 : 1e-5;
        assertEquals(type, actual.dataType());
        double worst = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(worst <= tolerance * Math.max(1, expected.amaxNumber().doubleValue()),
                type + ": logits differ by " + worst);
    }

    @Test
    void reorderingTheCacheMovesWholeSequences() {
        OptModel model = TinyModels.model(CFG, 22, DataType.FLOAT);
        int[][] rows = randomIds(2, 6, 4);
        KvCache cache = model.newCache(2, 8);
        model.decode(cache, new int[][] {java.util.Arrays.copyOf(rows[0], 5), java.util.Arrays.copyOf(rows[1], 5)});
        cache.reorder(new int[] {1, 1});
        INDArray next = model.decode(cache, new int[][] {{rows[1][5]}, {rows[1][5]}});
        INDArray full = model.logitsArray(new int[][] {rows[1]});
        for (int v = 0; v < CFG.vocabSize(); v++) {
            assertEquals(full.getDouble(5, v), next.getDouble(0, v), 1e-4);
            assertEquals(full.getDouble(5, v), next.getDouble(1, v), 1e-4);
        }
    }

    @Test
    void parameterViewsShareTheFlatBuffer() {
        Parameters p = Parameters.zeros(ParameterLayout.of(CFG), DataType.FLOAT);
        p.get(OptTensorNames.layer(1, "self_attn.k_proj.weight")).putScalar(new long[] {2, 3}, 5f);
        INDArray qkv = p.layer(1).qkvWeight();
        assertEquals(5f, qkv.getFloat(CFG.hiddenSize() + 2, 3), "k rows follow q rows in the fused weight");
        assertEquals(5f, p.flat().sumNumber().floatValue());
        assertEquals(CFG.parameterCount(), p.flat().length());
    }

    @Test
    void rejectsSequencesLongerThanThePositionTable() {
        OptModel model = TinyModels.model(CFG, 1, DataType.FLOAT);
        assertThrows(IllegalArgumentException.class, () -> model.logitsArray(randomIds(1, 25, 1)));
    }

    private static double meanLoss(OptModel model, Batch batch) {
        double sum = 0;
        for (double v : model.tokenNll(batch)) {
            sum += v;
        }
        return sum / batch.targetCount();
    }

    private static void assertRowsEqual(INDArray full, INDArray step, int[][] rows, int position) {
        int t = rows[0].length;
        for (int b = 0; b < rows.length; b++) {
            for (int v = 0; v < CFG.vocabSize(); v++) {
                assertEquals(full.getDouble(b * t + position, v), step.getDouble(b, v), 1e-4,
                        "b=" + b + " position=" + position + " v=" + v);
            }
        }
    }

    static int[][] randomIds(int b, int t, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] rows = new int[b][t];
        for (int[] row : rows) {
            for (int i = 0; i < t; i++) {
                row[i] = rng.nextInt(CFG.vocabSize());
            }
        }
        return rows;
    }

    @Test
    void batchRejectsRaggedRows() {
        assertThrows(IllegalArgumentException.class,
                () -> Batch.nextToken(List.of(new int[] {1, 2, 3}, new int[] {1, 2})));
        assertArrayEquals(new int[] {2, 3, 0}, Batch.nextToken(List.of(new int[] {1, 2, 3})).targets());
    }
}
