package org.ouroboros.trainer.engine.nd4j;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.ouroboros.trainer.checkpoint.OptTensorNames;
import org.ouroboros.trainer.checkpoint.RuntimeVersions;
import org.ouroboros.trainer.checkpoint.Tensor;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.OpCounting;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * ND4J as an {@link Engine}: the process's one ND4J backend (CPU, or CUDA device 0 in a {@code -Pcuda}
 * build). Models are {@link OptModel}s in float32. Counts its ops for {@code bench --profile-ops}
 * ({@link OpCounts}).
 */
public final class Nd4jEngine implements Engine, OpCounting {
    private static volatile Nd4jEngine instance;
    private final String backend;
    private final String device;

    private Nd4jEngine(String backend, String device) {
        this.backend = backend;
        this.device = device;
    }

    /** The engine on {@code device}; starts ND4J (one clear error when its backend cannot start). */
    static Nd4jEngine open(String device) {
        String backend = Backend.require();
        boolean cuda = "CUDA".equalsIgnoreCase(backend);
        String actual = cuda ? "cuda:0" : "cpu";
        if (device != null && !device.equals(actual)) {
            throw new IllegalArgumentException("ND4J's " + backend + " backend runs on " + actual + ", not " + device);
        }
        return current();
    }

    /** The engine of this process's ND4J backend (started if needed). */
    public static Nd4jEngine current() {
        Nd4jEngine e = instance;
        if (e == null) {
            String backend = Backend.require();
            e = new Nd4jEngine(backend, "CUDA".equalsIgnoreCase(backend) ? "cuda:0" : "cpu");
            instance = e;
        }
        return e;
    }

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public String runtime() {
        return "ND4J " + RuntimeVersions.nd4j() + " " + backend
                + (device.equals("cpu") ? ", OpenBLAS " + Backend.blasLibrary() : "");
    }

    @Override
    public OptModel initialize(OptConfig config, long seed) {
        return OptModel.initialize(config, seed, DataType.FLOAT);
    }

    @Override
    public LanguageModel fromTensors(OptConfig config, Map<String, Tensor> tensors) {
        Map<String, String> names = OptTensorNames.resolve(config, tensors.keySet(), "tensors");
        Parameters p = Parameters.zeros(ParameterLayout.of(config), DataType.FLOAT);
        names.forEach((canonical, given) -> p.set(canonical, tensors.get(given).data()));
        return new OptModel(p);
    }

    @Override
    public Counts count(Runnable work) {
        return OpCounts.count(work);
    }

    @Override
    public String countingMode() {
        return OpCounts.MODE;
    }
}
