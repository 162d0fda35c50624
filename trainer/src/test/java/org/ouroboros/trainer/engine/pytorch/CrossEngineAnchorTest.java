package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.checkpoint.TensorSpec;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.Engines;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.nd4j.OptModel;
import org.ouroboros.trainer.engine.nd4j.TinyModels;
import org.ouroboros.trainer.eval.HiddenStates;
import org.ouroboros.trainer.train.Anchor;

/**
 * What the mitigations need from an engine agrees between ND4J and PyTorch on the same tiny model, base and
 * batch: the anchored loss (NLL plus either anchor) and every gradient to 1e-4, the mean final hidden states
 * (MAUVE's embedding) to 1e-5 of their largest magnitude.
 */
class CrossEngineAnchorTest {
    private static final OptConfig CFG = TinyModels.config();
    private static Engine nd4j;
    private static Engine torch;

    @BeforeAll
    static void start() {
        nd4j = Engines.require("nd4j").open("cpu");
        torch = Engines.require("pytorch").open("cpu");
    }

    @Test
    void klAnchoredLossAndGradientsAgree() {
        anchoredLossAndGradientsAgree(Anchor.Type.KL, 0.7, 2);
    }

    @Test
    void l2AnchoredLossAndGradientsAgree() {
        anchoredLossAndGradientsAgree(Anchor.Type.L2, 0.3, 0);
    }

    private static void anchoredLossAndGradientsAgree(Anchor.Type type, double lambda, int microBatch) {
        Map<String, Tensor> weights = CrossEngineTest.tinyWeights(7);
        Map<String, Tensor> baseWeights = CrossEngineTest.tinyWeights(8);
        try (LanguageModel a = nd4j.fromTensors(CFG, weights); LanguageModel baseA = nd4j.fromTensors(CFG, baseWeights);
             LanguageModel b = torch.fromTensors(CFG, weights);
             LanguageModel baseB = torch.fromTensors(CFG, baseWeights)) {
            List<int[]> rows = List.of(CrossEngineTest.ids(4, 12, 2));
            Batch batch = Batch.nextToken(rows);
            double[] penalty = new double[2];
            double[] nll = new double[2];
            int i = 0;
            for (LanguageModel[] m : List.of(new LanguageModel[] {a, baseA}, new LanguageModel[] {b, baseB})) {
                Anchor anchor = new Anchor(type, lambda, m[1], microBatch);
                m[0].zeroGradients();
                nll[i] = m[0].forwardBackward(batch, 1.0 / batch.targetCount()).mean();
                anchor.afterBackward(m[0], 0, rows);
                penalty[i++] = anchor.lastPenalty();
            }
            assertTrue(penalty[0] > 0.1, "the anchor term is not negligible: " + penalty[0]);
            assertEquals(nll[0] + penalty[0], nll[1] + penalty[1], 1e-4 * (nll[0] + penalty[0]), "anchored loss");
            Map<String, Tensor> gb = ((PyTorchModel) b).gradientTensors();
            for (TensorSpec spec : OptTensorNames.layout(CFG)) {
                float[] x = ((OptModel) a).gradients().toFloatArray(spec.name());
                float[] y = gb.get(spec.name()).data();
                // k_proj.bias: the loss's and the KL term's true gradient is 0 and both engines give float noise
                double absolute = spec.name().endsWith("k_proj.bias") ? 1e-6 : 1e-9;
                CrossEngineTest.assertClose(x, y, 1e-4, absolute, type + " " + spec.name());
            }
        }
    }

    @Test
    void meanHiddenStatesAgree() {
        Map<String, Tensor> weights = CrossEngineTest.tinyWeights(9);
        try (LanguageModel a = nd4j.fromTensors(CFG, weights); LanguageModel b = torch.fromTensors(CFG, weights)) {
            List<int[]> rows = List.of(CrossEngineTest.ids(3, 10, 4)[0], CrossEngineTest.ids(1, 6, 5)[0],
                    CrossEngineTest.ids(3, 10, 4)[1], CrossEngineTest.ids(2, 3, 6)[1]);
            double[][] x = HiddenStates.meanFinal(a, rows, 2);
            double[][] y = HiddenStates.meanFinal(b, rows, 2);
            for (int r = 0; r < rows.size(); r++) {
                double scale = 0;
                double diff = 0;
                for (int j = 0; j < CFG.hiddenSize(); j++) {
                    scale = Math.max(scale, Math.abs(x[r][j]));
                    diff = Math.max(diff, Math.abs(x[r][j] - y[r][j]));
                }
                assertTrue(scale > 0.1, "row " + r + " far from zero: " + scale);
                assertTrue(diff <= 1e-5 * scale, "row " + r + ": differs by " + diff + " at scale " + scale);
            }
        }
    }

    @Test
    void aBaseOnAnotherEngineIsRefusedNamingBoth() {
        Map<String, Tensor> weights = CrossEngineTest.tinyWeights(10);
        try (LanguageModel a = nd4j.fromTensors(CFG, weights); LanguageModel b = torch.fromTensors(CFG, weights)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.addL2Pull(b, 1.0));
            assertTrue(e.getMessage().contains("pytorch engine") && e.getMessage().contains("nd4j engine"),
                    e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> b.addKlPull(Batch.nextToken(List.of(CrossEngineTest.ids(1, 4, 1))), 1.0, a));
        }
    }
}
