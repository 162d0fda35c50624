package org.ouroboros.trainer.engine;

import java.util.Set;

/**
 * One engine as a build carries it: whether it can start here, which GPU architectures its native code
 * covers, and a way to open it on a device. {@link Engines} finds providers by name; each engine package
 * has one, a public class with a no-argument constructor named in {@link Engines#PROVIDER_CLASSES}.
 * A provider must not start native code until {@link #open} (so asking about an engine is always cheap
 * and safe).
 */
public interface EngineProvider {
    /** The engine's name, as {@code --engine} takes it. */
    String name();

    /** Null when the engine's libraries are in this build and it can run on the CPU; else why it cannot. */
    String unavailableReason();

    /**
     * The GPU architectures (compute capability x 10: 37, 50, ..., 86, 90) this build carries machine code
     * for; empty when the build has no GPU support. A GPU of compute capability M.m runs code built for
     * sm_Mk with k <= m (so sm_89 runs sm_86 code), see {@link Gpu#runs}.
     */
    Set<Integer> gpuArchitectures();

    /** Whether this build runs on the CPU (ND4J's CUDA build does not; libtorch's CUDA build does). */
    boolean runsOnCpu();

    /** What the build carries, for messages: e.g. {@code "nd4j-native 1.0.0-M2.1 (CPU only)"}. */
    String buildDescription();

    /** The engine on {@code device} ({@code "cpu"} or {@code "cuda:N"}); starts its native code. */
    Engine open(String device);
}
