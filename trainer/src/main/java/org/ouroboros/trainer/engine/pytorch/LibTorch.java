package org.ouroboros.trainer.engine.pytorch;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Path;
import java.util.Locale;

/**
 * DJL's PyTorch engine as this project loads it: libtorch from the {@code pytorch-native-*} jar on the class
 * path (extracted once into DJL's cache dir, {@code ~/.djl.ai/pytorch/2.5.1-cpu-linux-x86_64} unless
 * {@code DJL_CACHE_DIR} or {@code ENGINE_CACHE_DIR} says otherwise), never downloaded at run time, and the
 * device a name such as {@code cpu} or {@code cuda:0} selects.
 */
public final class LibTorch {
    /** The DJL engine name. */
    public static final String ENGINE = "PyTorch";

    private LibTorch() {
    }

    /**
     * The loaded engine (loading libtorch on first use, a few seconds the first time it is extracted).
     *
     * @throws IllegalStateException naming the cause when libtorch cannot be loaded
     */
    public static Engine engine() {
        // No downloads from DJL's side (its model zoo and hubs honour this). libtorch itself comes from the
        // bundled jar: DJL downloads it only when no pytorch-native jar on the class path matches the machine,
        // and the CPU one, which matches every x86-64 Linux, is always packaged.
        System.setProperty("ai.djl.offline", "true");
        try {
            return Engine.getEngine(ENGINE);
        } catch (EngineException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load libtorch through DJL: " + e.getMessage(), e);
        }
    }

    /** libtorch's version, e.g. {@code 2.5.1}. */
    public static String version() {
        return engine().getVersion();
    }

    /** The directory libtorch was loaded from (inside DJL's cache dir when it came from the jar). */
    public static Path libraryDir() {
        engine();
        return Path.of(LibUtils.getLibtorchPath());
    }

    /** DJL's engine cache dir, where the native jar's libraries are extracted. */
    public static Path cacheDir() {
        return Utils.getEngineCacheDir("pytorch");
    }

    /** Number of CUDA devices libtorch sees (0 on a CPU-only build or machine). */
    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /**
     * The device named {@code cpu}, {@code cuda} (= {@code cuda:0}) or {@code cuda:N}.
     *
     * @throws IllegalArgumentException when the name is malformed or the GPU is not there
     */
    public static Device device(String name) {
        String n = name.toLowerCase(Locale.ROOT).trim();
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        if (n.equals("cuda") || n.matches("cuda:\\d+")) {
            int id = n.equals("cuda") ? 0 : Integer.parseInt(n.substring(5));
            int gpus = gpuCount();
            if (id >= gpus) {
                throw new IllegalArgumentException("device " + name + ": libtorch sees " + gpus + " GPU(s)"
                        + (CudaUtils.hasCuda() ? "" : " (no CUDA driver found)"));
            }
            return Device.gpu(id);
        }
        throw new IllegalArgumentException("device must be cpu, cuda or cuda:N, got '" + name + "'");
    }

    /** The device's name as the engine reports it: {@code cpu} or {@code cuda:N}. */
    public static String deviceName(Device device) {
        return device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
    }
}
