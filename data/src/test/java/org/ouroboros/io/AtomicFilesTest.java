package org.ouroboros.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaries() throws Exception {
        Path f = dir.resolve("metrics.csv");
        AtomicFiles.writeString(f, "old");
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void directoriesAreSwappedInWholeOrNotAtAll() throws Exception {
        Path d = dir.resolve("gen-1");
        AtomicFiles.writeDirectory(d, t -> Files.writeString(t.resolve("a"), "1"));
        assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeDirectory(d, t -> {
            Files.writeString(t.resolve("b"), "2");
            throw new IOException("killed");
        }));
        assertTrue(Files.exists(d.resolve("a")));
        assertFalse(Files.exists(d.resolve("b")));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
    }

    @Test
    void aFailedWriteInsideADirectoryNamesTheFileWhereItWasGoing() {
        Path run = dir.resolve("run");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeDirectory(run,
                gen -> AtomicFiles.writeDirectory(gen.resolve("model"), model -> AtomicFiles.write(
                        model.resolve("model.safetensors"), out -> {
                            throw new IOException("No space left on device");
                        }))));
        assertEquals("could not write " + run.resolve("model").resolve("model.safetensors")
                + ": No space left on device", e.getMessage(), "not the temporary directories' names");
    }

    @Test
    void theLeftoversOfAKilledWriteAreRemovedAndNothingElse() throws Exception {
        Path report = dir.resolve("report");
        AtomicFiles.writeDirectory(report, t -> Files.writeString(t.resolve("report.html"), "x"));
        Files.createDirectories(dir.resolve(".report.tmp123").resolve("a"));
        Files.createDirectories(dir.resolve(".report.old456"));
        Files.writeString(dir.resolve(".reports.tmp"), "another target's");
        Files.writeString(dir.resolve("metrics.csv"), "kept");
        AtomicFiles.removeTemporaries(report);
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(java.util.Set.of(".reports.tmp", "metrics.csv", "report"),
                    s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
    }
}
