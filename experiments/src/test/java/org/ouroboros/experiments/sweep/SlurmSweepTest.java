package org.ouroboros.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.experiments.run.Chain;

/**
 * The Slurm engine on a real cluster (CI starts one with scripts/slurm-local; elsewhere the test is skipped
 * unless OURO_REQUIRE_SLURM is set): 2 seeds x 2 regimes x 2 generations as job arrays, one running chain
 * cancelled with scancel inside its second generation, resume, and the merged tables equal to a plain
 * {@code ouro run}'s with the same thread count (one per task).
 */
@Tag("slurm")
class SlurmSweepTest {
    @TempDir
    Path tmp;

    @Test
    void aCancelledTaskResumesAndTheMergeEqualsAPlainRun() throws Exception {
        requireCluster();
        SweepFixture f = SweepFixture.create(tmp, "3, 4", "{engine: slurm, cpus_per_task: 1, mem: 1500M, time: "
                + "\"00:30:00\"}");
        Path out = tmp.resolve("sweep");
        SweepLayout layout = new SweepLayout(out);
        PrintStream log = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        Sweep.Submitted first = Sweep.submit(f.config, out, f.data, SweepConfig.empty(), f.launcher, false, log);
        assertEquals(List.of("gen0", "replace", "accumulate"), first.jobs().stream().map(Submission.Job::what).toList());
        String gen0Job = first.jobs().get(0).id();
        assertNull(first.jobs().get(0).dependsOn());
        assertEquals(gen0Job, first.jobs().get(1).dependsOn());
        String script = Files.readString(layout.script());
        assertTrue(script.contains("#SBATCH --cpus-per-task=1\n") && script.contains("#SBATCH --mem=1500M\n"), script);

        List<Chain> chains = List.of(new Chain(3, "accumulate"), new Chain(4, "accumulate"), new Chain(3, "replace"),
                new Chain(4, "replace"));
        Chain cancelled = SweepFixture.await(600, () -> SweepFixture.midGeneration(layout, chains,
                c -> ChainLock.read(layout.lock(c)).map(o -> o.job() != null).orElse(false)))
                .orElseThrow(() -> new AssertionError("no chain was seen inside generation 2"));
        String job = ChainLock.read(layout.lock(cancelled)).orElseThrow().job();
        assertEquals(0, Slurm.run(List.of("scancel", job)).exitCode());
        List<String> ids = first.jobs().stream().map(Submission.Job::id).toList();
        SweepFixture.await(600, () -> Slurm.arrayTasks(ids).isEmpty() ? Optional.of(true) : Optional.empty())
                .orElseThrow(() -> new AssertionError("the sweep's jobs did not end: " + Slurm.arrayTasks(ids)));

        SweepStatus broken = Sweep.status(out);
        print("after scancel of " + cancelled.name() + " (job " + job + ")", broken);
        SweepStatus.Chain c = broken.chains().stream().filter(x -> x.name().equals(cancelled.name())).findFirst()
                .orElseThrow();
        assertEquals("failed", c.state(), c.toString());
        assertEquals(1, c.finished(), c.toString());
        assertEquals(List.of(cancelled.name()), broken.resumable());
        assertTrue(Files.notExists(out.resolve("metrics.csv")), "no merge while a chain is unfinished");

        Sweep.Submitted again = Sweep.resume(out, log);
        assertEquals(List.of(cancelled.name()), again.tasks());
        assertEquals(1, again.jobs().size(), "one array of one chain, no generation 0 to wait for");
        assertNull(again.jobs().get(0).dependsOn());
        SweepStatus done = SweepFixture.await(600, () -> {
            SweepStatus s = Sweep.status(out);
            return s.allDone() && s.merged() ? Optional.of(s) : Optional.empty();
        }).orElseThrow(() -> new AssertionError("the resumed chain did not finish: " + Sweep.status(out)));
        List<String> resumed = List.of(again.jobs().get(0).id());
        SweepFixture.await(120, () -> Slurm.arrayTasks(resumed).isEmpty() ? Optional.of(true) : Optional.empty())
                .orElseThrow(() -> new AssertionError("the resumed task did not end"));
        print("after sweep resume", Sweep.status(out));
        String chainLog = Files.readString(layout.log(cancelled));
        assertEquals(2, chainLog.lines().filter(l -> l.startsWith("== task ")).count(), chainLog);
        assertTrue(chainLog.contains("1 generations run, 2 resumed from disk"), chainLog);

        SweepFixture.assertSameTables(f.plainRun(1), out);
    }

    private static void requireCluster() {
        boolean up = Slurm.available();
        if (!up && System.getenv("OURO_REQUIRE_SLURM") != null) {
            throw new AssertionError("OURO_REQUIRE_SLURM is set but no Slurm cluster answers (squeue)");
        }
        Assumptions.assumeTrue(up, "no Slurm cluster answers here (squeue); `sudo scripts/slurm-local up` starts one");
    }

    private static void print(String when, SweepStatus s) {
        PrintWriter pw = new PrintWriter(System.out, true);
        pw.println("sweep status " + when + ":");
        s.print(pw);
    }
}
