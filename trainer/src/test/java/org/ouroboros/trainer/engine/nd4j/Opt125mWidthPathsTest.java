package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * The ND4J-op path (host BLAS and vector kernels off: what CUDA runs) against the host path at OPT-125M's
 * width (hidden 768, 12 heads, ffn 3072) on two layers and short sequences: logits, loss and every
 * gradient tensor, float32, with repeated token ids so the embedding gradient's grouping is exercised.
 */
class Opt125mWidthPathsTest {
    private static final OptConfig CFG = new OptConfig(512, 768, 2, 12, 3072, 32, 1, 1, 0);
    private static OptModel model;
    private static Batch batch;

    @BeforeAll
    static void model() {
        CpuBackend.assume();
        model = OptModel.initialize(CFG, 125, DataType.FLOAT);
        SplittableRandom rng = new SplittableRandom(7);
        int[][] rows = new int[2][24];
        for (int[] row : rows) {
            for (int t = 0; t < row.length; t++) {
                row[t] = t % 5 == 4 ? 7 : rng.nextInt(CFG.vocabSize());     // id 7 recurs in both rows
            }
        }
        batch = Batch.nextToken(List.of(rows));
    }

    @Test
    void logitsAgree() {
        int[][] rows = {java.util.Arrays.copyOf(batch.ids(), 24)};
        INDArray host = withHostPaths(true, () -> model.logitsArray(rows));
        INDArray ops = withHostPaths(false, () -> model.logitsArray(rows));
        double scale = host.amaxNumber().doubleValue();
        double worst = host.sub(ops).amaxNumber().doubleValue();
        assertTrue(worst <= 1e-5 * scale, "logits differ by " + worst + " (max |logit| " + scale + ")");
    }

    @Test
    void lossAndEveryGradientAgree() {
        INDArray[] host = pass(true);
        INDArray[] ops = pass(false);
        assertEquals(host[0].getDouble(0), ops[0].getDouble(0), 1e-5 * host[0].getDouble(0), "loss");
        Parameters hostGrads = gradientsView(host[1]);
        Parameters opsGrads = gradientsView(ops[1]);
        for (ParameterLayout.Entry e : hostGrads.layout().canonicalOrder()) {
            INDArray h = hostGrads.get(e.name());
            INDArray o = opsGrads.get(e.name());
            double scale = h.amaxNumber().doubleValue();
            double worst = h.sub(o).amaxNumber().doubleValue();
            assertTrue(scale > 0 || e.name().contains("embed_positions"), e.name() + " has no gradient");
            assertTrue(worst <= 1e-4 * scale + 1e-8,   // k_proj.bias: zero in theory, ~1e-9 of rounding
                    e.name() + ": differs by " + worst + " (max |g| " + scale + ")");
        }
    }

    /** {loss as a 1-element array, a copy of the flat gradients} of one forward/backward. */
    private static INDArray[] pass(boolean hostPaths) {
        return withHostPaths(hostPaths, () -> {
            model.zeroGradients();
            double loss = model.forwardBackward(batch, 1.0 / batch.targetCount()).mean();
            return new INDArray[] {org.nd4j.linalg.factory.Nd4j.scalar(loss), model.gradients().flat().dup()};
        });
    }

    private static Parameters gradientsView(INDArray flat) {
        Parameters p = Parameters.zeros(ParameterLayout.of(CFG), DataType.FLOAT);
        p.flat().assign(flat);
        return p;
    }

    private static <T> T withHostPaths(boolean on, java.util.function.Supplier<T> body) {
        boolean was = HostBlas.enabled;
        HostBlas.enabled = on;
        try {
            return body.get();
        } finally {
            HostBlas.enabled = was;
        }
    }
}
