package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.ComputeDType;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.nd4j.Nd4jEngineProvider;
import org.ouroboros.trainer.optim.AdamW;

/**
 * One training step and one decoding step on a CUDA GPU against the same on the CPU, for each engine that
 * runs there: PyTorch on {@code cuda:0} (in float32, and with bf16 matmuls against float32 on the CPU), and ND4J
 * when this is a {@code -Pcuda} build. Opt-in
 * ({@code mvn -B verify -Dtest.groups=gpu}); skipped, saying why, where libtorch sees no GPU.
 */
@Tag("gpu")
class GpuSmokeTest {
    private static final OptConfig CFG = new OptConfig(512, 64, 2, 4, 256, 40, 1, 1, 0);

    @Test
    void pytorchOnCudaTrainsAndDecodesAsOnTheCpu() {
        assumeTrue(LibTorch.gpuCount() > 0, "libtorch " + LibTorch.version() + " sees no CUDA GPU (a -Pcuda build"
                + " with pytorch-native-cu124 and an NVIDIA driver are needed)");
        compare(PyTorchEngine.on("cuda:0"), PyTorchEngine.on("cpu"));
    }

    @Test
    void pytorchBf16OnCudaStaysNearFloat32OnTheCpu() {
        assumeTrue(LibTorch.gpuCount() > 0, "libtorch " + LibTorch.version() + " sees no CUDA GPU");
        Batch batch = Batch.nextToken(RandomBlocks.of(4, 33, CFG.vocabSize(), 9));
        try (PyTorchModel a = PyTorchEngine.on("cuda:0").initialize(CFG, 1);
             PyTorchModel b = PyTorchEngine.on("cpu").initialize(CFG, 1)) {
            a.setComputeDType(ComputeDType.BF16);
            double lossA = step(a, batch);
            double lossB = step(b, batch);
            assertEquals(lossB, lossA, 1e-2 * Math.abs(lossB), "bf16 on cuda:0 against float32 on the cpu");
            int[][] prompt = {RandomBlocks.of(1, 9, CFG.vocabSize(), 10).get(0)};
            try (Decoder da = a.newDecoder(1, 16); Decoder db = b.newDecoder(1, 16)) {
                assertClose(db.step(prompt).toHost()[0], da.step(prompt).toHost()[0], 5e-2);
            }
        }
    }

    @Test
    void nd4jOnCudaTrainsAndDecodesAsPytorchOnTheCpu() {
        assumeTrue(Nd4jEngineProvider.cudaBuild(), "this build's ND4J backend is the CPU one (build with -Pcuda)");
        assumeTrue(LibTorch.gpuCount() > 0, "no CUDA GPU visible");
        compare(new Nd4jEngineProvider().open("cuda:0"), PyTorchEngine.on("cpu"));
    }

    /** One AdamW step and one decoding step on each engine from the same weights: same loss, weights, scores. */
    private static void compare(Engine gpu, Engine cpu) {
        Batch batch = Batch.nextToken(RandomBlocks.of(4, 33, CFG.vocabSize(), 9));
        try (LanguageModel a = gpu.initialize(CFG, 1); LanguageModel b = cpu.initialize(CFG, 1)) {
            double lossA = step(a, batch);
            double lossB = step(b, batch);
            assertEquals(lossB, lossA, 1e-4 * Math.abs(lossB), gpu.device() + " against " + cpu.device());
            float[] wa = a.tensors().get("model.decoder.layers.0.fc1.weight").data();
            float[] wb = b.tensors().get("model.decoder.layers.0.fc1.weight").data();
            assertClose(wb, wa, 1e-4);
            int[][] prompt = {RandomBlocks.of(1, 9, CFG.vocabSize(), 10).get(0)};
            try (Decoder da = a.newDecoder(1, 16); Decoder db = b.newDecoder(1, 16)) {
                assertClose(db.step(prompt).toHost()[0], da.step(prompt).toHost()[0], 1e-3);
            }
        }
    }

    private static double step(LanguageModel m, Batch batch) {
        m.zeroGradients();
        double nll = m.forwardBackward(batch, 1.0 / batch.targetCount()).nllSum();
        assertTrue(Double.isFinite(m.clipGradients(1.0)), "finite gradient norm");
        m.adamWStep(AdamW.Config.defaults(0.01), 1e-3);
        return nll / batch.targetCount();
    }

    private static void assertClose(float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        float scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(scale, 1e-6f), "element " + i);
        }
    }
}
