package org.ouroboros.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output that cannot be written is an error, not a silent success: {@code ouro ... > /dev/full} exits 1. */
class OuroStdoutTest {
    @Test
    void aFullStandardOutputIsAFailure(@TempDir Path tmp) throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full), "Linux's /dev/full (every write fails with ENOSPC) stands for a full disk");
        Path input = Files.writeString(tmp.resolve("samples.txt"), "a b c\nb c d\n");
        Path err = tmp.resolve("err.txt");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Ouro.class.getName(),
                "metrics", "diversity", "--input", input.toString(), "--json"))
                .redirectOutput(full.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        String stderr = Files.readString(err, StandardCharsets.UTF_8).strip();
        assertEquals(1, p.exitValue(), stderr);
        assertEquals("error: could not write the output to standard output (a full disk or a closed pipe)",
                stderr.substring(stderr.lastIndexOf('\n') + 1), "the last line (the JDK's incubator warning comes first)");
    }
}
