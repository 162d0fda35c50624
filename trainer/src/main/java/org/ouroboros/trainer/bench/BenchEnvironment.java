package org.ouroboros.trainer.bench;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.ouroboros.trainer.engine.nd4j.Backend;

/**
 * Which ND4J backend, BLAS library ({@link Backend#blasLibrary}) and how many threads a benchmark ran with.
 */
public record BenchEnvironment(String backend, String blas, String blasLibrary, int threads, String cpuExtension,
                               String java) {
    public static BenchEnvironment current() {
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        int threads = Integer.parseInt(String.valueOf(info.getOrDefault("omp.threads",
                Runtime.getRuntime().availableProcessors())));
        return new BenchEnvironment(String.valueOf(info.getOrDefault("backend", "unknown")),
                String.valueOf(info.getOrDefault("blas.vendor", "unknown")), Backend.blasLibrary(), threads,
                System.getProperty("org.bytedeco.javacpp.platform.extension", ""),
                System.getProperty("java.version"));
    }
}
