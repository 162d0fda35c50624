package org.ouroboros.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;

/** Chain locks: exclusive, released on close, stale ones (dead process, no heartbeat) taken over with a message. */
class ChainLockTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream messages = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(messages, true, StandardCharsets.UTF_8);

    @Test
    void aSecondTaskIsRefusedWhileTheFirstHoldsTheChain() throws Exception {
        Path file = tmp.resolve("seed-0/replace/chain.lock");
        try (ChainLock first = ChainLock.acquire(file, "seed-0/replace", log)) {
            ChainLock.Owner owner = ChainLock.read(file).orElseThrow();
            assertEquals(ProcessHandle.current().pid(), owner.pid());
            assertEquals(ChainLock.hostName(), owner.host());
            BadInputException e = assertThrows(BadInputException.class,
                    () -> ChainLock.acquire(file, "seed-0/replace", log));
            assertTrue(e.getMessage().contains("seed-0/replace is being run by another task (host "), e.getMessage());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
        }
        assertFalse(Files.exists(file), "released on close");
        try (ChainLock again = ChainLock.acquire(file, "seed-0/replace", log)) {
            assertTrue(Files.exists(file));
        }
        assertEquals("", messages.toString());
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsTakenOver() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path file = tmp.resolve("chain.lock");
        Files.writeString(file, Json.write(new ChainLock.Owner(ChainLock.hostName(), p.pid(), Instant.now().toString(),
                null, "dead-token", Instant.now().toString())));
        try (ChainLock taken = ChainLock.acquire(file, "seed-1/mix-0.1", log)) {
            assertEquals(ProcessHandle.current().pid(), ChainLock.read(file).orElseThrow().pid());
        }
        assertEquals("taking over the stale lock of seed-1/mix-0.1 (host " + ChainLock.hostName() + ", pid " + p.pid()
                + ": process " + p.pid() + " is gone)", messages.toString().strip());
    }

    @Test
    void aLockFromAnotherHostIsStaleOnlyWithoutAHeartbeat() throws Exception {
        Path file = tmp.resolve("gen-0.lock");
        Files.writeString(file, Json.write(new ChainLock.Owner("node-017", 4242, null, null, "other-token",
                Instant.now().toString())));
        assertThrows(BadInputException.class, () -> ChainLock.acquire(file, "seed-0/gen-0", log));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(600)));
        try (ChainLock taken = ChainLock.acquire(file, "seed-0/gen-0", log)) {
            assertEquals(ChainLock.hostName(), ChainLock.read(file).orElseThrow().host());
        }
        assertEquals("taking over the stale lock of seed-0/gen-0 (host node-017, pid 4242: no heartbeat for 10 min)",
                messages.toString().strip());
    }
}
