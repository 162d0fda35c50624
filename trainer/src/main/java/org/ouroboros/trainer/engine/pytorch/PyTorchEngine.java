package org.ouroboros.trainer.engine.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * The PyTorch engine: DJL's libtorch 2.5.1 on one device ({@code cpu} or {@code cuda:N}), float32 weights.
 * Models it makes live on that device and compute in float32, or with
 * {@link PyTorchModel#setComputeDType} in bf16 autocast-style. (DJL 0.33's JNI cannot hold a bfloat16 tensor -
 * its dtype switch has no case for {@code DataType.BFLOAT16} and aborts the JVM - so the bf16 products run
 * inside a TorchScript module, {@link TorchBf16Matmuls}, with float32 on both sides.)
 */
public final class PyTorchEngine implements Engine {
    /** The engine's name on the command line ({@code --engine pytorch}). */
    public static final String NAME = "pytorch";
    /** HuggingFace's {@code init_std} for OPT. */
    static final double INIT_STD = 0.02;

    private final Device device;

    private PyTorchEngine(Device device) {
        this.device = device;
    }

    /**
     * The engine on {@code device} ({@code cpu}, {@code cuda}, {@code cuda:N}).
     *
     * @throws IllegalArgumentException when the device is malformed or absent
     */
    public static PyTorchEngine on(String device) {
        return new PyTorchEngine(LibTorch.device(device));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code cpu} or {@code cuda:N}. */
    @Override
    public String device() {
        return LibTorch.deviceName(device);
    }

    /** {@code libtorch 2.5.1 cpu}. */
    @Override
    public String runtime() {
        return "libtorch " + LibTorch.version() + " " + device();
    }

    /** HF initialisation from {@code seed}: the ND4J engine's initial weights, bit for bit. */
    @Override
    public PyTorchModel initialize(OptConfig config, long seed) {
        return fromTensors(config, TorchWeights.initialTensors(config, seed, INIT_STD));
    }

    /** A model holding these float32 tensors (HF names with or without the {@code model.} prefix). */
    @Override
    public PyTorchModel fromTensors(OptConfig config, Map<String, Tensor> tensors) {
        Map<String, Tensor> canonical = new LinkedHashMap<>();
        OptTensorNames.resolve(config, tensors.keySet(), "tensors").forEach((name, given) ->
                canonical.put(name, tensors.get(given)));
        return new PyTorchModel(this, config, canonical);
    }

    NDManager newManager() {
        return LibTorch.engine().newBaseManager(device);
    }
}
