package org.ouroboros.trainer.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Which native libraries this process has mapped, read from {@code /proc/self/maps} (no engine is started). */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    /**
     * The OpenBLAS file this process has mapped: ND4J's bundled copy, or the system one {@code scripts/ouro}
     * chose (results differ in the last bits between them). Skips the JNI wrappers and the LAPACK-less twin;
     * "unknown" where there is no such file or none is loaded yet.
     */
    public static String openBlas() {
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
