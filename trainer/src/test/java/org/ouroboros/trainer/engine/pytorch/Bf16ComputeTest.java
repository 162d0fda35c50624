package org.ouroboros.trainer.engine.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.ComputeDType;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.train.TrainConfig;
import org.ouroboros.trainer.train.TrainListener;
import org.ouroboros.trainer.train.TrainResult;
import org.ouroboros.trainer.train.Trainer;

/**
 * {@code --compute-dtype bf16} on the CPU: the products really run in bfloat16 (their results, and the weight
 * gradients of their backward pass, are bfloat16 values; they match a bfloat16 reference computed here), and a
 * tiny model's loss, gradients and a short training run stay near float32's while the weights stay float32.
 */
class Bf16ComputeTest {
    private static final OptConfig CFG = new OptConfig(64, 32, 2, 4, 64, 34, 1, 1, 0);

    @Test
    void linearRunsInBfloat16ForwardAndBackward() {
        SplittableRandom rng = new SplittableRandom(3);
        int rows = 10;
        int in = 48;
        int out = 24;
        float[] x = normal(rng, rows * in, 1);
        float[] w = normal(rng, out * in, 0.2);
        float[] b = normal(rng, out, 1);
        try (NDManager manager = LibTorch.engine().newBaseManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            TorchBf16Matmuls bf16 = new TorchBf16Matmuls(manager);
            NDArray xa = manager.create(x, new Shape(2, rows / 2, in));
            NDArray wa = manager.create(w, new Shape(out, in));
            NDArray ba = manager.create(b, new Shape(out));
            wa.setName("model.decoder.layers.0.fc1.weight");          // dotted, as the model's weights are named
            wa.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector collector = LibTorch.engine().newGradientCollector()) {
                y = bf16.linear(xa, wa, ba);
                collector.backward(y.sum());
            }
            assertEquals(DataType.FLOAT32, y.getDataType());
            assertEquals(new Shape(2, rows / 2, out), y.getShape());
            float[] got = y.toFloatArray();
            float[] f32 = TorchMatmuls.FLOAT32.linear(xa, wa, ba).toFloatArray();
            double largest = 0;
            double offF32 = 0;
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < out; o++) {
                    double ref = b16(b[o]);
                    for (int i = 0; i < in; i++) {
                        ref += (double) b16(x[r * in + i]) * b16(w[o * in + i]);
                    }
                    float g = got[r * out + o];
                    assertTrue(isBf16(g), "result " + g + " is not a bfloat16 value");
                    assertEquals(b16((float) ref), g, bf16Ulp(ref), "bfloat16 reference at " + r + "," + o);
                    largest = Math.max(largest, Math.abs(ref));
                    offF32 = Math.max(offF32, Math.abs(g - f32[r * out + o]));
                }
            }
            assertTrue(offF32 > 1e-4 * largest && offF32 < 1e-2 * largest,
                    "bf16 off float32 by " + offF32 + " of " + largest);
            // d sum(y) / dW[o][i] = sum over rows of x[r][i], computed by a bfloat16 product
            NDArray grad = wa.getGradient();
            assertEquals(DataType.FLOAT32, grad.getDataType());
            float[] g = grad.toFloatArray();
            for (int i = 0; i < in; i++) {
                double ref = 0;
                for (int r = 0; r < rows; r++) {
                    ref += b16(x[r * in + i]);
                }
                assertTrue(isBf16(g[i]), "gradient " + g[i] + " is not a bfloat16 value");
                assertEquals(ref, g[i], bf16Ulp(ref), "gradient at " + i);
            }
        }
    }

    @Test
    void attentionProductsRunInBfloat16() {
        SplittableRandom rng = new SplittableRandom(4);
        float[] q = normal(rng, 2 * 3 * 5 * 8, 1);
        float[] k = normal(rng, 2 * 3 * 8 * 6, 1);
        try (NDManager manager = LibTorch.engine().newBaseManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray a = manager.create(q, new Shape(2, 3, 5, 8));
            NDArray b = manager.create(k, new Shape(2, 3, 8, 6));
            float[] got = new TorchBf16Matmuls(manager).matMul(a, b).toFloatArray();
            float[] f32 = a.matMul(b).toFloatArray();
            assertEquals(2 * 3 * 5 * 6, got.length);
            for (int i = 0; i < got.length; i++) {
                assertTrue(isBf16(got[i]), "score " + got[i] + " is not a bfloat16 value");
                assertEquals(f32[i], got[i], 0.05 + 0.02 * Math.abs(f32[i]), "score " + i);
            }
        }
    }

    @Test
    void lossAndGradientsStayNearFloat32() {
        try (PyTorchModel f32 = PyTorchEngine.on("cpu").initialize(CFG, 8);
             PyTorchModel bf16 = PyTorchEngine.on("cpu").initialize(CFG, 8)) {
            bf16.setComputeDType(ComputeDType.BF16);
            assertEquals(ComputeDType.BF16, bf16.computeDType());
            Batch batch = Batch.nextToken(successorBlocks(8, 33, 1));
            double lossF32 = f32.forwardBackward(batch, 1.0 / batch.targetCount()).mean();
            double lossBf16 = bf16.forwardBackward(batch, 1.0 / batch.targetCount()).mean();
            double rel = Math.abs(lossBf16 - lossF32) / lossF32;
            assertTrue(rel > 0 && rel < 1e-2, "loss " + lossBf16 + " vs float32 " + lossF32);
            Map<String, Tensor> gf = f32.gradientTensors();
            Map<String, Tensor> gb = bf16.gradientTensors();
            for (String name : gf.keySet()) {
                if (name.endsWith("k_proj.bias")) {
                    continue;                        // its true gradient is 0: float32's and bf16's are both noise
                }
                double cos = cosine(gf.get(name).data(), gb.get(name).data());
                assertTrue(cos > 0.99, name + ": gradient cosine " + cos);
            }
            // the products run in bfloat16, the gradients that reach the weights do not
            assertTrue(gb.values().stream().anyMatch(t -> !allBf16(t.data())), "float32 gradients");
            // decoding with the KV cache goes through the same products
            int[][] prompt = {successorBlocks(1, 20, 7).get(0)};
            float[][] full = bf16.logits(prompt);
            float[][] reference = f32.logits(prompt);
            try (Decoder d = bf16.newDecoder(1, prompt[0].length)) {
                float[] step = d.step(prompt).toHost()[0];
                float[] last = full[full.length - 1];
                for (int v = 0; v < step.length; v++) {
                    assertEquals(last[v], step[v], 1e-5, "cached decoding, token " + v);
                    assertEquals(reference[full.length - 1][v], step[v], 5e-2, "vs float32, token " + v);
                }
            }
        }
    }

    @Test
    void trainingEndsNearFloat32WithFloat32MasterWeights() {
        List<int[]> blocks = successorBlocks(96, 33, 2);
        TrainConfig cfg = new TrainConfig(4, 0, 8, 0, 1e-2, 1e-3, 4, 0.01, 1.0, 5);
        double[] last = new double[2];
        Map<String, Tensor> weightsBf16 = null;
        for (int run = 0; run < 2; run++) {
            try (PyTorchModel model = PyTorchEngine.on("cpu").initialize(CFG, 9)) {
                if (run == 1) {
                    model.setComputeDType(ComputeDType.BF16);
                }
                TrainResult r = new Trainer(cfg, new TrainListener() { }).train(model, blocks, List.of());
                List<Double> losses = r.stepLosses();
                assertEquals(48, losses.size());
                assertTrue(losses.get(47) < 0.5 * losses.get(0), "the loss falls: " + losses);
                last[run] = losses.get(47);
                if (run == 1) {
                    weightsBf16 = model.tensors();
                }
            }
        }
        assertEquals(last[0], last[1], 0.02 * last[0], "bf16's last step loss vs float32's");
        assertTrue(weightsBf16.values().stream().anyMatch(t -> !allBf16(t.data())),
                "AdamW updates float32 master weights, not bfloat16 ones");
    }

    @Test
    void refusesFloat64Weights() {
        try (PyTorchModel m = new PyTorchModel(PyTorchEngine.on("cpu"), CFG,
                TorchWeights.initialTensors(CFG, 1, PyTorchEngine.INIT_STD), DataType.FLOAT64)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> m.setComputeDType(ComputeDType.BF16));
            assertTrue(e.getMessage().contains("float32"), e.getMessage());
        }
    }

    /** Blocks a model can learn: each token follows from the one before ({@code t -> 3t + 1} over ids 2..V-1). */
    static List<int[]> successorBlocks(int n, int length, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int span = CFG.vocabSize() - 2;
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] block = new int[length];
            int t = rng.nextInt(span);
            for (int j = 0; j < length; j++) {
                block[j] = 2 + t;
                t = (3 * t + 1) % span;
            }
            out.add(block);
        }
        return out;
    }

    /** {@code v} rounded to the nearest bfloat16 (ties to even), as libtorch casts. */
    static float b16(float v) {
        int bits = Float.floatToRawIntBits(v);
        return Float.intBitsToFloat((bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000);
    }

    private static boolean isBf16(float v) {
        return (Float.floatToRawIntBits(v) & 0xFFFF) == 0;
    }

    private static boolean allBf16(float[] values) {
        for (float v : values) {
            if (!isBf16(v)) {
                return false;
            }
        }
        return true;
    }

    /** The spacing of bfloat16 values around {@code v} (8 significant bits). */
    private static double bf16Ulp(double v) {
        return Math.ulp((float) v) * 65536.0;
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static float[] normal(SplittableRandom rng, int n, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble(1e-12, 1);
            out[i] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble()));
        }
        return out;
    }
}
