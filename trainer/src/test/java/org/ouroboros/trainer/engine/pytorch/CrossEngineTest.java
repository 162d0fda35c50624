package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.trainer.checkpoint.DType;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
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
import org.ouroboros.trainer.optim.AdamW;
import org.ouroboros.trainer.sample.Sampler;
import org.ouroboros.trainer.sample.SamplingConfig;

/**
 * The ND4J and PyTorch engines compute the same model: on tiny models with the same weights their logits
 * agree to 1e-5 (relative to the largest), the loss and every gradient to 1e-4, an AdamW step to 1e-5, greedy,
 * beam and seeded sampled continuations are identical, and a checkpoint written from one loads into the other
 * with bit-identical tensors.
 */
class CrossEngineTest {
    private static final OptConfig CFG = TinyModels.config();
    private static Engine nd4j;
    private static Engine torch;
    private static LanguageModel a;
    private static LanguageModel b;

    @BeforeAll
    static void start() {
        nd4j = Engines.require("nd4j").open("cpu");
        torch = Engines.require("pytorch").open("cpu");
        Map<String, Tensor> weights = tinyWeights(7);
        a = nd4j.fromTensors(CFG, weights);
        b = torch.fromTensors(CFG, weights);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void logitsAgree() {
        int[][] rows = ids(3, 14, 1);
        float[][] x = a.logits(rows);
        float[][] y = b.logits(rows);
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
            for (int v = 0; v < x[i].length; v++) {
                scale = Math.max(scale, Math.abs(x[i][v]));
                diff = Math.max(diff, Math.abs(x[i][v] - y[i][v]));
            }
        }
        assertTrue(scale > 1, "logits far from zero, so the comparison means something: " + scale);
        assertTrue(diff <= 1e-5 * scale, "logits differ by " + diff + " at scale " + scale);
        double[] ha = a.tokenEntropy(rows);
        double[] hb = b.tokenEntropy(rows);
        for (int i = 0; i < ha.length; i++) {
            assertEquals(ha[i], hb[i], 1e-4 * Math.max(1, ha[i]), "entropy " + i);
        }
    }

    @Test
    void lossAndEveryGradientAgree() {
        Batch batch = Batch.nextToken(List.of(ids(4, 12, 2)));
        a.zeroGradients();
        b.zeroGradients();
        double la = a.forwardBackward(batch, 1.0 / batch.targetCount()).mean();
        double lb = b.forwardBackward(batch, 1.0 / batch.targetCount()).mean();
        assertEquals(la, lb, 1e-4 * la);
        OptModel nd = (OptModel) a;
        Map<String, Tensor> gb = ((PyTorchModel) b).gradientTensors();
        for (TensorSpec spec : OptTensorNames.layout(CFG)) {
            float[] x = nd.gradients().toFloatArray(spec.name());
            float[] y = gb.get(spec.name()).data();
            if (spec.name().endsWith("k_proj.bias")) {
                // its true gradient is 0 (a shift shared by every key leaves the softmax unchanged): both are noise
                assertClose(new float[x.length], y, 0, 1e-7, spec.name());
                continue;
            }
            assertClose(x, y, 1e-4, 1e-9, spec.name());
        }
        double[] na = a.tokenNll(batch);
        double[] nb = b.tokenNll(batch);
        for (int i = 0; i < na.length; i++) {
            assertEquals(na[i], nb[i], 1e-4 * Math.max(1, na[i]), "token NLL " + i);
        }
        assertEquals(a.clipGradients(0.5), b.clipGradients(0.5), 1e-4);
    }

    @Test
    void anAdamWStepAgrees() {
        try (LanguageModel x = nd4j.fromTensors(CFG, tinyWeights(8)); LanguageModel y = torch.fromTensors(CFG,
                tinyWeights(8))) {
            Batch batch = Batch.nextToken(List.of(ids(2, 10, 3)));
            AdamW.Config config = AdamW.Config.defaults(0.1);
            for (int step = 0; step < 2; step++) {
                for (LanguageModel m : List.of(x, y)) {
                    m.zeroGradients();
                    m.forwardBackward(batch, 1.0 / batch.targetCount());
                    m.clipGradients(1.0);
                    m.adamWStep(config, 1e-3);
                }
            }
            Map<String, Tensor> tx = x.tensors();
            Map<String, Tensor> ty = y.tensors();
            // Adam divides by sqrt(v): where a gradient is nearly 0 its float noise moves the step, so the
            // parameters agree to a small part of the steps taken (2 x lr), not to 1e-5 of their size
            for (TensorSpec spec : OptTensorNames.layout(CFG)) {
                if (!spec.name().endsWith("k_proj.bias")) {   // zero gradient: Adam turns its noise into +-lr steps
                    assertClose(tx.get(spec.name()).data(), ty.get(spec.name()).data(), 0, 0.02 * 2e-3, spec.name());
                }
            }
        }
    }

    @Test
    void greedyBeamAndSampledContinuationsAreIdentical() {
        List<int[]> prompts = new ArrayList<>(List.of(ids(4, 5, 4)));
        prompts.addAll(List.of(ids(2, 3, 5)));
        for (SamplingConfig config : List.of(SamplingConfig.greedy(10),
                SamplingConfig.greedy(8).withRepetitionPenalty(1.3).withMinNewTokens(4),
                SamplingConfig.beam(3, 8), SamplingConfig.beam(2, 6).withRepetitionPenalty(2.0),
                SamplingConfig.sample(0.8, 10, 0.9, 10, 42))) {
            List<int[]> x = new Sampler(a, config, 3).generate(prompts, done -> { });
            List<int[]> y = new Sampler(b, config, 3).generate(prompts, done -> { });
            for (int i = 0; i < x.size(); i++) {
                assertArrayEquals(x.get(i), y.get(i), config + ", prompt " + i);
            }
        }
    }

    @Test
    void aCheckpointWrittenByOneEngineLoadsBitIdenticalInTheOther(@TempDir Path dir) {
        ModelCheckpoints.save(b, dir.resolve("from-torch"), null, null, DType.F32);
        ModelCheckpoints.save(a, dir.resolve("from-nd4j"), null, null, DType.F32);
        try (LanguageModel intoNd4j = ModelCheckpoints.load(dir.resolve("from-torch"), nd4j).model();
             LanguageModel intoTorch = ModelCheckpoints.load(dir.resolve("from-nd4j"), torch).model()) {
            assertEquals(b.tensors(), intoNd4j.tensors());
            assertEquals(a.tensors(), intoTorch.tensors());
            assertEquals(new LinkedHashMap<>(a.tensors()), new LinkedHashMap<>(b.tensors()));
        }
    }

    /** {@link TinyModels#randomWeights} as tensors: spread wide enough that a wrong index shows. */
    static Map<String, Tensor> tinyWeights(long seed) {
        Map<String, float[]> w = TinyModels.randomWeights(CFG, seed);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorSpec spec : OptTensorNames.layout(CFG)) {
            out.put(spec.name(), new Tensor(spec.shape(), w.get(spec.name())));
        }
        return out;
    }

    static int[][] ids(int b, int t, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] rows = new int[b][t];
        for (int[] row : rows) {
            row[0] = CFG.bosTokenId();
            for (int j = 1; j < t; j++) {
                row[j] = 2 + rng.nextInt(CFG.vocabSize() - 2);
            }
        }
        return rows;
    }

    /** Largest difference within {@code relative} x the largest magnitude plus {@code absolute}. */
    static void assertClose(float[] expected, float[] got, double relative, double absolute, String what) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - got[i]));
        }
        assertTrue(diff <= relative * scale + absolute, what + ": differs by " + diff + " at scale " + scale);
    }
}
