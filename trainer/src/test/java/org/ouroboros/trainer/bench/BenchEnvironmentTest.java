package org.ouroboros.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.testing.ChildJvm;

/**
 * The bench environment names the OpenBLAS file the process really mapped, whichever one it is. Each process
 * runs in a child JVM with a JavaCPP cache of the test's own (an empty directory, extracted anew), because
 * what {@code ~/.javacpp/cache} holds depends on what ran before: a process started with the launcher's
 * flags for a system OpenBLAS ({@code scripts/ouro}) leaves links to that library in the cache. The system
 * library here is a copy of the bundled one in a directory of the test's, so the test needs no installed
 * package.
 */
class BenchEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void namesTheOpenBlasFileEachProcessRunsOnAlsoAfterALauncherRunWithASystemOpenBlas() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only: the mapped files are read from /proc/self/maps");
        Path cache = dir.resolve("javacpp-cache");
        List<String> ownCache = List.of("-Dorg.bytedeco.javacpp.cachedir=" + cache);

        Path bundled = Path.of(probe("bundled", ownCache));
        assertTrue(bundled.startsWith(cache), "the bundled OpenBLAS, extracted into this test's cache: " + bundled);
        assertTrue(bundled.getFileName().toString().startsWith("libopenblas"), bundled.toString());
        assertTrue(Files.isRegularFile(bundled), bundled.toString());

        Path system = Files.createDirectories(dir.resolve("system-openblas"));
        Files.copy(bundled, system.resolve("libopenblas.so.0"));
        List<String> launcher = new ArrayList<>(ownCache);
        launcher.addAll(List.of("-Dorg.bytedeco.openblas.load=openblas@.0", "-Dorg.bytedeco.javacpp.pathsFirst=true",
                "-Djava.library.path=" + system));     // what scripts/ouro passes for Debian's OpenBLAS
        assertEquals(system.resolve("libopenblas.so.0").toString(), probe("launcher", launcher),
                "the system OpenBLAS the launcher's flags choose");

        assertEquals(bundled.toString(), probe("bundled-again", ownCache),
                "a plain process after the launcher's: the bundled OpenBLAS again, named as before");
    }

    /** Runs {@link BlasProbe} in a child JVM with {@code flags} and returns the OpenBLAS file it named. */
    private String probe(String name, List<String> flags) throws Exception {
        ChildJvm.Result r = ChildJvm.of(flags, BlasProbe.class.getName(), List.of(), Map.of("OMP_NUM_THREADS", "1"),
                dir.resolve(name + ".log")).run(300);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("device cpu"), r.output());
        return r.output().lines().filter(l -> l.startsWith("blas ")).map(l -> l.substring(5)).findFirst()
                .orElseThrow(() -> new AssertionError("no blas line from the " + name + " process: " + r.output()));
    }
}
