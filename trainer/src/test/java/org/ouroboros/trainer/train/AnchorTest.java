package org.ouroboros.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.nd4j.OptModel;
import org.ouroboros.trainer.engine.nd4j.ParameterLayout;
import org.ouroboros.trainer.engine.nd4j.TinyModels;

/** Both anchors' gradients against central finite differences of their objectives, in double precision. */
class AnchorTest {
    private static final OptConfig CFG = TinyModels.config();

    @Test
    void klAnchorGradientMatchesFiniteDifferences() {
        OptModel model = TinyModels.model(CFG, 11, DataType.DOUBLE);
        OptModel base = TinyModels.model(CFG, 12, DataType.DOUBLE);
        int[][] rows = rows(new SplittableRandom(3), 2, 7);
        Batch batch = Batch.nextToken(List.of(rows));
        double n = batch.targetCount();
        double lambda = 0.7;
        Anchor anchor = new Anchor(Anchor.Type.KL, lambda, base);
        model.zeroGradients();
        model.forwardBackward(batch, 1.0 / n);
        anchor.afterBackward(model, 0, List.of(rows));
        assertEquals(lambda * meanKl(base, model, rows, batch) , anchor.lastPenalty(), 1e-10);
        checkGradients(model, () -> (sum(model.tokenNll(batch)) + lambda * n * meanKl(base, model, rows, batch)) / n);
    }

    @Test
    void theKlAnchorInMicroBatchesAddsTheSameGradient() {
        OptModel base = TinyModels.model(CFG, 13, DataType.DOUBLE);
        List<int[]> rows = List.of(rows(new SplittableRandom(4), 3, 6));
        double[][] grads = new double[2][];
        double[] penalty = new double[2];
        for (int micro = 0; micro < 2; micro++) {
            OptModel model = TinyModels.model(CFG, 14, DataType.DOUBLE);
            Anchor anchor = new Anchor(Anchor.Type.KL, 0.5, base, micro);
            model.zeroGradients();
            anchor.afterBackward(model, 0, rows);
            grads[micro] = model.gradients().flat().toDoubleVector();
            penalty[micro] = anchor.lastPenalty();
        }
        assertTrue(penalty[0] > 0.01, "penalty " + penalty[0]);
        assertEquals(penalty[0], penalty[1], 1e-12);
        for (int i = 0; i < grads[0].length; i++) {
            assertEquals(grads[0][i], grads[1][i], 1e-12, "gradient " + i);
        }
    }

    @Test
    void l2AnchorGradientMatchesFiniteDifferences() {
        OptModel model = TinyModels.model(CFG, 21, DataType.DOUBLE);
        OptModel base = TinyModels.model(CFG, 22, DataType.DOUBLE);
        int[][] rows = rows(new SplittableRandom(5), 2, 6);
        Batch batch = Batch.nextToken(List.of(rows));
        double n = batch.targetCount();
        double lambda = 0.3;
        Anchor anchor = new Anchor(Anchor.Type.L2, lambda, base);
        model.zeroGradients();
        model.forwardBackward(batch, 1.0 / n);
        anchor.afterBackward(model, 0, List.of(rows));
        double dist = model.parameters().flat().distance2(base.parameters().flat());
        assertEquals(lambda / 2 * dist * dist, anchor.lastPenalty(), 1e-9);
        checkGradients(model, () -> {
            double d = model.parameters().flat().distance2(base.parameters().flat());
            return sum(model.tokenNll(batch)) / n + lambda / 2 * d * d;
        });
    }

    @Test
    void aStrongL2AnchorKeepsTrainingNearTheBase() {
        OptModel base = TinyModels.model(CFG, 31, DataType.FLOAT);
        List<int[]> blocks = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < 16; i++) {
            blocks.add(rows(rng, 1, 8)[0]);
        }
        TrainConfig cfg = new TrainConfig(3, 0, 4, 0, 3e-3, 3e-4, 0, 0.0, 1.0, 1);
        double free = drift(base, cfg, blocks, null);
        double anchored = drift(base, cfg, blocks, 50.0);
        assertTrue(anchored < 0.5 * free, "anchored drift " + anchored + " vs free " + free);
    }

    private static double drift(OptModel base, TrainConfig cfg, List<int[]> blocks, Double l2) {
        OptModel model = TinyModels.model(CFG, 31, DataType.FLOAT);
        Trainer t = new Trainer(cfg, TrainListener.NONE, l2 == null ? GradientHook.NONE
                : new Anchor(Anchor.Type.L2, l2, base));
        t.train(model, blocks, List.of());
        return model.parameters().flat().distance2(base.parameters().flat());
    }

    /** Mean over weighted positions of KL(softmax(base) || softmax(model)), computed here in plain Java. */
    private static double meanKl(OptModel base, OptModel model, int[][] rows, Batch batch) {
        double[][] b = base.logitsArray(rows).toDoubleMatrix();
        double[][] m = model.logitsArray(rows).toDoubleMatrix();
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            if (batch.weights()[i] == 0) {
                continue;
            }
            double[] lb = GradientChecks.logSoftmax(b[i], 0, b[i].length);
            double[] lm = GradientChecks.logSoftmax(m[i], 0, m[i].length);
            for (int v = 0; v < lb.length; v++) {
                s += Math.exp(lb[v]) * (lb[v] - lm[v]);
            }
        }
        return s / batch.targetCount();
    }

    private static void checkGradients(OptModel model, java.util.function.DoubleSupplier objective) {
        double[] analytic = model.gradients().flat().toDoubleVector();
        INDArray flat = model.parameters().flat();
        SplittableRandom rng = new SplittableRandom(1);
        int checked = 0;
        for (ParameterLayout.Entry e : model.parameters().layout().canonicalOrder()) {
            for (int k = 0; k < 3; k++) {
                long idx = e.offset() + rng.nextLong(e.size());
                double numeric = GradientChecks.central(v -> flat.putScalar(idx, v), flat.getDouble(idx), objective);
                GradientChecks.assertAgrees(analytic[(int) idx], numeric, e.name() + "[" + (idx - e.offset()) + "]");
                checked++;
            }
        }
        assertTrue(checked > 50);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static int[][] rows(SplittableRandom rng, int b, int t) {
        int[][] out = new int[b][t];
        for (int[] r : out) {
            for (int i = 0; i < t; i++) {
                r[i] = rng.nextInt(CFG.vocabSize());
            }
        }
        return out;
    }
}
