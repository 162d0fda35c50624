package org.ouroboros.trainer.engine.nd4j;

import java.util.Set;
import org.ouroboros.trainer.checkpoint.RuntimeVersions;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.EngineChoice;
import org.ouroboros.trainer.engine.EngineProvider;

/**
 * The ND4J engine as this build carries it: the CPU backend ({@code nd4j-native}) by default, the CUDA one
 * ({@code nd4j-cuda-11.6}, Maven profile {@code cuda}) instead. Which one is read from the class path
 * without starting ND4J.
 */
public final class Nd4jEngineProvider implements EngineProvider {
    /** Machine code {@code libnd4jcuda.so} 1.0.0-M2.1 carries (read from its fatbin; no PTX). */
    public static final Set<Integer> CUDA_ARCHITECTURES = Set.of(37, 50, 52, 60, 61, 70, 75, 80, 86);
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    /** Whether this build's ND4J backend is the CUDA one. */
    public static boolean cudaBuild() {
        try {
            Class.forName(CUDA_BACKEND, false, Nd4jEngineProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public Set<Integer> gpuArchitectures() {
        return cudaBuild() ? CUDA_ARCHITECTURES : Set.of();
    }

    @Override
    public boolean runsOnCpu() {
        return !cudaBuild();
    }

    @Override
    public String buildDescription() {
        String v = RuntimeVersions.nd4j();
        return cudaBuild() ? "nd4j-cuda-11.6 " + v + ", " + EngineChoice.architectures(CUDA_ARCHITECTURES)
                + ", no PTX" : "nd4j-native " + v + ", CPU only";
    }

    @Override
    public Engine open(String device) {
        return Nd4jEngine.open(device);
    }
}
