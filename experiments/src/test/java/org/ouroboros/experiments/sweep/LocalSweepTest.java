package org.ouroboros.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.experiments.cli.RunCommand;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.run.Chain;

/**
 * The local engine end to end: one seed's generation 0 and two chains as separate processes, two at once
 * with one thread each; one chain killed (SIGKILL) inside its second generation; resume runs only that
 * chain, taking its stale lock over; the merged tables equal a plain {@code ouro run}'s with one thread.
 */
class LocalSweepTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledChainResumesAndTheMergeEqualsAPlainRun() throws Exception {
        SweepFixture f = SweepFixture.create(tmp, "3", "{engine: local, parallel: 2}");
        Path out = tmp.resolve("sweep");
        SweepLayout layout = new SweepLayout(out);
        ByteArrayOutputStream engineLog = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(engineLog, true, StandardCharsets.UTF_8);
        CompletableFuture<Sweep.Submitted> submitted = CompletableFuture.supplyAsync(() ->
                Sweep.submit(f.config, out, f.data, SweepConfig.empty(), f.launcher, false, log));
        List<Chain> chains = List.of(new Chain(3, "accumulate"), new Chain(3, "replace"));
        Chain killed = SweepFixture.await(300, () -> SweepFixture.midGeneration(layout, chains, c -> true))
                .orElseThrow(() -> new AssertionError("no chain was seen inside generation 2: " + engineLog));
        long pid = ChainLock.read(layout.lock(killed)).orElseThrow().pid();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        Sweep.Submitted first = submitted.get(300, TimeUnit.SECONDS);
        assertEquals("failed", first.local().get(killed.name()).state(), engineLog.toString());
        assertEquals("done", first.local().get("seed-3/gen-0").state(), engineLog.toString());
        assertTrue(first.merged().isEmpty(), "nothing merged while a chain is unfinished");
        assertFalse(Files.exists(out.resolve("metrics.csv")), "no top-level tables before the merge");
        SweepStatus broken = Sweep.status(out);
        print(broken);
        SweepStatus.Chain k = broken.chains().stream().filter(c -> c.name().equals(killed.name())).findFirst()
                .orElseThrow();
        assertEquals("failed", k.state(), k.toString());
        assertEquals(1, k.finished(), "generation 1 survived the kill");
        assertEquals(List.of(killed.name()), broken.resumable());

        Sweep.Submitted again = Sweep.resume(out, log);
        assertEquals(List.of(killed.name()), again.tasks(), "resume runs only the unfinished chain");
        assertEquals("done", again.local().get(killed.name()).state(), engineLog.toString());
        String chainLog = Files.readString(layout.log(killed));
        assertTrue(chainLog.contains("taking over the stale lock of " + killed.name()), chainLog);
        assertTrue(chainLog.contains("1 generations run, 2 resumed from disk"), chainLog);
        SweepStatus done = Sweep.status(out);
        print(done);
        assertTrue(done.allDone() && done.merged(), done.toString());
        for (Chain c : List.of(Chain.gen0(3), chains.get(0), chains.get(1))) {
            assertTrue(Files.readString(layout.log(c)).startsWith("== local task"), "a log per chain: " + c);
        }

        Path plain = f.plainRun(1);
        SweepFixture.assertSameTables(plain, out);
        assertMergeIsWhatRunWrites(f, out);
    }

    /** `ouro run` over the merged directory resumes every generation and rewrites the very same files. */
    private static void assertMergeIsWhatRunWrites(SweepFixture f, Path out) throws Exception {
        Map<String, String> merged = topLevelFiles(out);
        RunCommand.run(ExperimentConfigs.load(f.config), out, false, f.data);
        assertEquals(merged, topLevelFiles(out));
        assertTrue(merged.containsKey("timings.csv") && merged.containsKey("report/report.html"), merged.keySet()
                .toString());
    }

    private static Map<String, String> topLevelFiles(Path out) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (String f : List.of("metrics.csv", "category_perplexity.csv", "sequence_perplexity.csv", "timings.csv")) {
            m.put(f, Files.readString(out.resolve(f)));
        }
        try (Stream<Path> s = Files.list(out.resolve("report"))) {
            for (Path p : s.sorted().toList()) {
                m.put("report/" + p.getFileName(), java.util.HexFormat.of().formatHex(java.security.MessageDigest
                        .getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return m;
    }

    static void print(SweepStatus s) {
        PrintWriter pw = new PrintWriter(System.out, true);
        s.print(pw);
    }
}
