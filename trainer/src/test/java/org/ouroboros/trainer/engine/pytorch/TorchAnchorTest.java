package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.nd4j.TinyModels;
import org.ouroboros.trainer.train.Anchor;
import org.ouroboros.trainer.train.GradientChecks;

/**
 * Both anchors on the PyTorch engine against central finite differences of their objectives, on a tiny model
 * held in float64 (the engine's own ops and autograd, only the precision raised so differences mean
 * something). The next-token loss's gradient is checked against the ND4J engine in {@link CrossEngineTest}.
 */
class TorchAnchorTest {
    private static final OptConfig CFG = TinyModels.config();
    private static PyTorchEngine engine;
    private static NDManager manager;

    @BeforeAll
    static void start() {
        engine = PyTorchEngine.on("cpu");
        manager = engine.newManager();
    }

    @AfterAll
    static void stop() {
        manager.close();
    }

    @Test
    void klAnchorGradientMatchesFiniteDifferences() {
        try (PyTorchModel model = float64(11); PyTorchModel base = float64(12)) {
            int[][] rows = CrossEngineTest.ids(2, 7, 3);
            Batch batch = Batch.nextToken(List.of(rows));
            double lambda = 0.7;
            Anchor anchor = new Anchor(Anchor.Type.KL, lambda, base);
            model.zeroGradients();
            anchor.afterBackward(model, 0, List.of(rows));
            assertTrue(anchor.lastPenalty() > 0.05, "the models differ: " + anchor.lastPenalty());
            assertEquals(lambda * meanKl(base, model, rows, batch), anchor.lastPenalty(), 1e-10);
            checkGradients(model, () -> lambda * meanKl(base, model, rows, batch));
        }
    }

    @Test
    void l2AnchorGradientMatchesFiniteDifferences() {
        try (PyTorchModel model = float64(21); PyTorchModel base = float64(22)) {
            double lambda = 0.3;
            Anchor anchor = new Anchor(Anchor.Type.L2, lambda, base);
            model.zeroGradients();
            anchor.afterBackward(model, 0, List.of(CrossEngineTest.ids(2, 6, 5)));
            assertEquals(lambda / 2 * squaredDistance(model, base), anchor.lastPenalty(), 1e-9);
            checkGradients(model, () -> lambda / 2 * squaredDistance(model, base));
        }
    }

    @Test
    void theBaseGetsNoGradientAndKeepsItsWeights() {
        try (PyTorchModel model = float64(31); PyTorchModel base = float64(32)) {
            var before = base.tensors();
            model.zeroGradients();
            base.zeroGradients();
            new Anchor(Anchor.Type.KL, 1.0, base).afterBackward(model, 0, List.of(CrossEngineTest.ids(2, 5, 7)));
            new Anchor(Anchor.Type.L2, 1.0, base).afterBackward(model, 0, List.of(CrossEngineTest.ids(2, 5, 7)));
            assertEquals(before, base.tensors());
            assertEquals(0.0, squaredGradient(base), 0.0);
            assertTrue(squaredGradient(model) > 0);
        }
    }

    private static PyTorchModel float64(long seed) {
        return new PyTorchModel(engine, CFG, CrossEngineTest.tinyWeights(seed), DataType.FLOAT64);
    }

    /** Mean over weighted positions of KL(softmax(base) || softmax(model)), from float64 logits, in plain Java. */
    private static double meanKl(PyTorchModel base, PyTorchModel model, int[][] rows, Batch batch) {
        double[] b = logits(base, rows);
        double[] m = logits(model, rows);
        int v = CFG.vocabSize();
        double s = 0;
        for (int i = 0; i < batch.weights().length; i++) {
            if (batch.weights()[i] == 0) {
                continue;
            }
            double[] lb = GradientChecks.logSoftmax(b, i * v, v);
            double[] lm = GradientChecks.logSoftmax(m, i * v, v);
            for (int k = 0; k < v; k++) {
                s += Math.exp(lb[k]) * (lb[k] - lm[k]);
            }
        }
        return s / batch.targetCount();
    }

    private static double[] logits(PyTorchModel model, int[][] rows) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long[] flat = new long[rows.length * rows[0].length];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = rows[i / rows[0].length][i % rows[0].length];
            }
            NDArray ids = manager.create(flat, new Shape(rows.length, rows[0].length));
            return model.opt().logits(ids, null).toDoubleArray();
        }
    }

    private static double squaredDistance(PyTorchModel model, PyTorchModel base) {
        List<NDArray> theta = model.weights().all();
        List<NDArray> ref = base.weights().all();
        double s = 0;
        for (int i = 0; i < theta.size(); i++) {
            double[] a = theta.get(i).toDoubleArray();
            double[] b = ref.get(i).toDoubleArray();
            for (int k = 0; k < a.length; k++) {
                s += (a[k] - b[k]) * (a[k] - b[k]);
            }
        }
        return s;
    }

    private static double squaredGradient(PyTorchModel model) {
        double s = 0;
        for (NDArray p : model.weights().all()) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                for (double g : p.getGradient().toType(DataType.FLOAT64, false).toDoubleArray()) {   // zeros, float32, when none
                    s += g * g;
                }
            }
        }
        return s;
    }

    /** Three random entries of every tensor: the model's gradient against (f(x+h) - f(x-h)) / 2h. */
    private static void checkGradients(PyTorchModel model, DoubleSupplier objective) {
        SplittableRandom rng = new SplittableRandom(1);
        int checked = 0;
        for (NDArray p : model.weights().all()) {
            double[] analytic;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                analytic = p.getGradient().toDoubleArray();
            }
            long[] shape = p.getShape().getShape();
            for (int k = 0; k < 3; k++) {
                int flat = rng.nextInt(analytic.length);
                long[] idx = shape.length == 1 ? new long[] {flat} : new long[] {flat / shape[1], flat % shape[1]};
                NDIndex at = new NDIndex(idx);
                double numeric = GradientChecks.central(x -> p.set(at, x), p.getDouble(idx), objective);
                GradientChecks.assertAgrees(analytic[flat], numeric, p.getName() + "[" + flat + "]");
                checked++;
            }
        }
        assertTrue(checked > 50, "entries checked: " + checked);
    }
}
