package org.ouroboros.trainer.bench;

import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.NativeLibraries;

/**
 * Which engine, device and runtime a benchmark ran on, the OpenBLAS file mapped
 * ({@link NativeLibraries#openBlas}), and the threads it could use.
 */
public record BenchEnvironment(String engine, String device, String runtime, String blasLibrary, int threads,
                               String cpuExtension, String java) {
    public static BenchEnvironment of(Engine engine) {
        String omp = System.getenv("OMP_NUM_THREADS");
        int threads = omp != null && omp.matches("\\d+") ? Integer.parseInt(omp)
                : Runtime.getRuntime().availableProcessors();
        return new BenchEnvironment(engine.name(), engine.device(), engine.runtime(), NativeLibraries.openBlas(),
                threads, System.getProperty("org.bytedeco.javacpp.platform.extension", ""),
                System.getProperty("java.version"));
    }
}
