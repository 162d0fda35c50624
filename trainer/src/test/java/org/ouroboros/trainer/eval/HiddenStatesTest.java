package org.ouroboros.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.nd4j.OptModel;
import org.ouroboros.trainer.engine.nd4j.TinyModels;

class HiddenStatesTest {
    private static final OptConfig CFG = TinyModels.config();

    @Test
    void meanHiddenStateTimesTheTiedHeadIsTheMeanLogitRow() {
        OptModel model = TinyModels.model(CFG, 5, DataType.DOUBLE);
        int[] row = ids(new SplittableRandom(2), 9);
        double[] h = HiddenStates.meanFinal(model, List.<int[]>of(row), 4)[0];
        assertEquals(CFG.hiddenSize(), h.length);
        INDArray logits = model.logitsArray(new int[][] {row});            // [T, V]; logits_t = h_t E^T
        double[] meanLogits = logits.mean(0).toDoubleVector();
        double[][] e = model.parameters().embedTokens().toDoubleMatrix();  // [V, C]
        for (int v = 0; v < CFG.vocabSize(); v++) {
            double s = 0;
            for (int j = 0; j < h.length; j++) {
                s += h[j] * e[v][j];
            }
            assertEquals(meanLogits[v], s, 1e-9, "vocab " + v);
        }
    }

    @Test
    void vectorsDoNotDependOnBatchingOrTheOtherRows() {
        OptModel model = TinyModels.model(CFG, 6, DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(4);
        List<int[]> rows = List.of(ids(rng, 5), ids(rng, 8), ids(rng, 5), ids(rng, 3), ids(rng, 8));
        double[][] together = HiddenStates.meanFinal(model, rows, 2);
        for (int i = 0; i < rows.size(); i++) {
            double[] alone = HiddenStates.meanFinal(model, List.of(rows.get(i)), 1)[0];
            assertArrayEquals(alone, together[i], 1e-10, "row " + i);
        }
    }

    private static int[] ids(SplittableRandom rng, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextInt(CFG.vocabSize());
        }
        return out;
    }
}
