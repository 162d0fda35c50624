package org.ouroboros.trainer.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend, BLAS library and how many threads a benchmark ran with. {@code blasLibrary} is the
 * OpenBLAS file the process has mapped (ND4J's bundled copy, or a system one that {@code scripts/ouro} chose),
 * read from {@code /proc/self/maps}; "unknown" elsewhere.
 */
public record BenchEnvironment(String backend, String blas, String blasLibrary, int threads, String cpuExtension,
                               String java) {
    public static BenchEnvironment current() {
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        int threads = Integer.parseInt(String.valueOf(info.getOrDefault("omp.threads",
                Runtime.getRuntime().availableProcessors())));
        return new BenchEnvironment(String.valueOf(info.getOrDefault("backend", "unknown")),
                String.valueOf(info.getOrDefault("blas.vendor", "unknown")), openBlasLibrary(), threads,
                System.getProperty("org.bytedeco.javacpp.platform.extension", ""),
                System.getProperty("java.version"));
    }

    /** The mapped OpenBLAS library that is neither a JNI wrapper nor the LAPACK-less twin. */
    static String openBlasLibrary() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            return maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(p -> p.contains("openblas") && p.contains(".so")
                            && !p.contains("libjni") && !p.contains("nolapack"))
                    .filter(p -> Path.of(p).getFileName().toString().startsWith("libopenblas"))
                    .findFirst().orElse("unknown");
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }
}
