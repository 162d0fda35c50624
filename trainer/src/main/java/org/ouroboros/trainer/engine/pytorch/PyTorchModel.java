package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.ComputeDType;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.Loss;
import org.ouroboros.trainer.engine.Snapshot;
import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.optim.AdamW;

/**
 * One {@code OPTForCausalLM} on a libtorch device: float32 weights that require gradients, their
 * gradients (accumulated by autograd), AdamW's moments, best-validation snapshots and KV-cache decoders, all
 * on the device. Every call runs in an {@link NDScope}, so its intermediate tensors are freed when it returns.
 * The matrix products run in float32 unless {@link #setComputeDType} says bfloat16.
 */
public final class PyTorchModel implements LanguageModel {
    private final PyTorchEngine engine;
    private final OptConfig config;
    private final NDManager manager;
    private final TorchWeights weights;
    private TorchOpt opt;
    private ComputeDType computeDType = ComputeDType.F32;
    private TorchAdamW adam;

    PyTorchModel(PyTorchEngine engine, OptConfig config, Map<String, Tensor> tensors) {
        this(engine, config, tensors, DataType.FLOAT32);
    }

    /** With the weights held as {@code type}: float32, or float64 for the gradient checks of tests. */
    PyTorchModel(PyTorchEngine engine, OptConfig config, Map<String, Tensor> tensors, DataType type) {
        this.engine = engine;
        this.config = config;
        this.manager = engine.newManager();
        this.weights = TorchWeights.upload(config, tensors, manager, true, type);
        this.opt = new TorchOpt(weights);
        this.adam = new TorchAdamW(weights.all(), manager);
    }

    @Override
    public OptConfig config() {
        return config;
    }

    @Override
    public PyTorchEngine engine() {
        return engine;
    }

    /**
     * Runs the matrix products of every later forward pass (training, validation, decoding) in {@code dtype}:
     * with {@code BF16} autocast-style through {@link TorchBf16Matmuls}; the weights, their gradients and
     * AdamW's moments stay float32 either way.
     *
     * @throws IllegalStateException for {@code BF16} when the weights are not float32 (the float64 models of
     *                               gradient checks)
     */
    public void setComputeDType(ComputeDType dtype) {
        if (dtype == computeDType) {
            return;
        }
        DataType held = weights.all().get(0).getDataType();
        if (dtype == ComputeDType.BF16 && held != DataType.FLOAT32) {
            throw new IllegalStateException("bf16 matmuls need float32 weights, these are " + held);
        }
        opt = new TorchOpt(weights, dtype == ComputeDType.BF16 ? new TorchBf16Matmuls(manager) : TorchMatmuls.FLOAT32);
        computeDType = dtype;
    }

    /** The precision the matrix products run in. */
    public ComputeDType computeDType() {
        return computeDType;
    }

    /** Forward + backward; ADDS {@code gradScale} times the gradient of the summed weighted token NLLs. */
    @Override
    public Loss forwardBackward(Batch batch, double gradScale) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray weightsOnDevice = manager.create(batch.weights(), new Shape(batch.size(), batch.length()));
            double nllSum;
            try (GradientCollector collector = LibTorch.engine().newGradientCollector()) {
                NDArray nll = tokenNll(ids(batch.ids(), batch.size(), batch.length()), batch.targets());
                NDArray sum = nll.mul(weightsOnDevice).sum();
                collector.backward(sum.mul(TorchScalars.of(sum, gradScale)));
                nllSum = sum.getFloat();
            }
            return new Loss(nllSum, batch.targetCount());
        }
    }

    /** Per-position NLL in nats ({@code B*T} values, 0 where the weight is 0). No gradients. */
    @Override
    public double[] tokenNll(Batch batch) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray nll = tokenNll(ids(batch.ids(), batch.size(), batch.length()), batch.targets());
            float[] values = nll.toFloatArray();
            double[] out = new double[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = batch.weights()[i] == 0 ? 0 : values[i] * (double) batch.weights()[i];
            }
            return out;
        }
    }

    /** Entropy (nats) of the next-token distribution at every position of equal-length rows, row-major. */
    @Override
    public double[] tokenEntropy(int[][] rows) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray logp = opt.logits(ids(rows), null).logSoftmax(-1);
            float[] h = logp.exp().mul(logp).sum(new int[] {-1}).neg().toFloatArray();
            double[] out = new double[h.length];
            for (int i = 0; i < h.length; i++) {
                out[i] = h[i];
            }
            return out;
        }
    }

    /** Logits {@code [B*T][V]} for equal-length rows. */
    @Override
    public float[][] logits(int[][] rows) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float[] flat = opt.logits(ids(rows), null).toFloatArray();
            int v = config.vocabSize();
            float[][] out = new float[flat.length / v][v];
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(flat, i * v, out[i], 0, v);
            }
            return out;
        }
    }

    /** The mean final hidden state of each row, averaged on the device. */
    @Override
    public double[][] meanHiddenStates(int[][] rows) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray mean = opt.decoder(ids(rows), null).mean(new int[] {1});             // [B, T, C] -> [B, C]
            double[] flat = mean.toType(DataType.FLOAT64, false).toDoubleArray();
            int c = config.hiddenSize();
            double[][] out = new double[rows.length][c];
            for (int r = 0; r < rows.length; r++) {
                System.arraycopy(flat, r * c, out[r], 0, c);
            }
            return out;
        }
    }

    /** L2-SP on the device (see {@link TorchAnchors#l2Pull}). */
    @Override
    public double addL2Pull(LanguageModel base, double weight) {
        PyTorchModel b = LanguageModel.sameKind(this, base, PyTorchModel.class);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return TorchAnchors.l2Pull(weights.all(), b.weights.all(), weight);
        }
    }

    /** The KL anchor on the device (see {@link TorchAnchors#klPull}). */
    @Override
    public double addKlPull(Batch batch, double scale, LanguageModel base) {
        PyTorchModel b = LanguageModel.sameKind(this, base, PyTorchModel.class);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray w = manager.create(batch.weights(), new Shape(batch.size(), batch.length()));
            return TorchAnchors.klPull(opt, b.opt, ids(batch.ids(), batch.size(), batch.length()), w, scale);
        }
    }

    /** Sets every gradient to zero. */
    @Override
    public void zeroGradients() {
        adam.zeroGradients();
    }

    /** Global L2 norm of the gradients, scaled down to {@code maxNorm} when above it. */
    @Override
    public double clipGradients(double maxNorm) {
        return adam.clip(maxNorm);
    }

    /** One AdamW step at {@code lr}. */
    @Override
    public void adamWStep(AdamW.Config config, double lr) {
        adam.step(config, lr);
    }

    /** Drops AdamW's moments and step count. */
    @Override
    public void resetOptimizer() {
        adam.close();
        adam = new TorchAdamW(weights.all(), manager);
    }

    /** A KV-cache decoder for {@code batch} sequences of up to {@code capacity} tokens. */
    @Override
    public Decoder newDecoder(int batch, int capacity) {
        return new PyTorchDecoder(opt, new TorchKvCache(config, manager, batch, capacity), manager);
    }

    /** A copy of the weights on the device. */
    @Override
    public Snapshot snapshot() {
        NDManager held = manager.newSubManager();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<NDArray> copies = weights.copies(held);
            copies.forEach(NDScope::unregister);
            return new TorchSnapshot(this, held, copies);
        }
    }

    /** Puts a snapshot's weights back (on the device). */
    @Override
    public void restore(Snapshot snapshot) {
        if (!(snapshot instanceof TorchSnapshot s) || s.owner() != this) {
            throw new IllegalArgumentException("a snapshot can only be restored into the model that took it");
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            weights.assign(s.values());
        }
    }

    /** The parameters, float32, under their HF names. */
    @Override
    public Map<String, Tensor> tensors() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return weights.download();
        }
    }

    /** The gradients as float32 host tensors under the parameters' HF names (for gradient checks). */
    public Map<String, Tensor> gradientTensors() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (NDArray p : weights.all()) {
                out.put(p.getName(), new Tensor(p.getShape().getShape(), p.getGradient().toFloatArray()));
            }
            return out;
        }
    }

    /** The weights on the device (for tests of this package). */
    TorchWeights weights() {
        return weights;
    }

    /** The forward pass (for tests of this package). */
    TorchOpt opt() {
        return opt;
    }

    @Override
    public void close() {
        adam.close();
        manager.close();
    }

    /** NLL of each target under the logits of {@code ids}: {@code [B, T]}. */
    private NDArray tokenNll(NDArray ids, int[] targets) {
        NDArray logp = opt.logits(ids, null).logSoftmax(-1);                           // [B, T, V]
        Shape shape = ids.getShape();
        NDArray target = manager.create(toLongs(targets), new Shape(shape.get(0), shape.get(1), 1));
        return logp.gather(target, 2).neg().reshape(shape);
    }

    private NDArray ids(int[][] rows) {
        int t = rows[0].length;
        int[] flat = new int[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != t) {
                throw new IllegalArgumentException("rows must have equal length: " + t + " and " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, flat, i * t, t);
        }
        return ids(flat, rows.length, t);
    }

    private NDArray ids(int[] flat, int b, int t) {
        return manager.create(toLongs(flat), new Shape(b, t));
    }

    static long[] toLongs(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    /** Weights kept on the device (best validation so far). */
    record TorchSnapshot(PyTorchModel owner, NDManager manager, List<NDArray> values) implements Snapshot {
        @Override
        public void close() {
            manager.close();
        }
    }
}
