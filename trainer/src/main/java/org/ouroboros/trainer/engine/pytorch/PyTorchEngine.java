package org.ouroboros.trainer.engine.pytorch;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.model.OptConfig;

/**
 * The PyTorch engine: DJL's libtorch 2.5.1 on one device ({@code cpu} or {@code cuda:N}) with a choice of
 * matrix-product precision. Models it makes live on that device.
 */
public final class PyTorchEngine {
    /** The engine's name on the command line ({@code --engine pytorch}). */
    public static final String NAME = "pytorch";
    /** HuggingFace's {@code init_std} for OPT. */
    static final double INIT_STD = 0.02;

    private final Device device;
    private final Precision precision;

    private PyTorchEngine(Device device, Precision precision) {
        this.device = device;
        this.precision = precision;
    }

    /**
     * The engine on {@code device} ({@code cpu}, {@code cuda}, {@code cuda:N}).
     *
     * @throws IllegalArgumentException when the device is malformed or absent
     */
    public static PyTorchEngine on(String device, Precision precision) {
        return new PyTorchEngine(LibTorch.device(device), precision);
    }

    public String name() {
        return NAME;
    }

    /** {@code cpu} or {@code cuda:N}. */
    public String device() {
        return LibTorch.deviceName(device);
    }

    public Precision precision() {
        return precision;
    }

    /** HF initialisation from {@code seed}: the ND4J engine's initial weights, bit for bit. */
    public PyTorchModel initialize(OptConfig config, long seed) {
        return fromTensors(config, TorchWeights.initialTensors(config, seed, INIT_STD));
    }

    /** A model holding these float32 tensors (canonical HF names). */
    public PyTorchModel fromTensors(OptConfig config, Map<String, Tensor> tensors) {
        return new PyTorchModel(this, config, tensors);
    }

    NDManager newManager() {
        return LibTorch.engine().newBaseManager(device);
    }
}
