package org.ouroboros.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Json;

/** The sweep commands' output and errors, and ouro run --only's, without running a chain. */
class SweepCommandTest {
    private static final String CONFIG = """
            name: grid
            seeds: [0, 1]
            generations: 3
            sweep: {engine: slurm, partition: gpu, gpus_per_task: 1}
            """;

    @TempDir
    Path tmp;

    @Test
    void planWritesTheTaskListAndDryRunPrintsTheScriptWritingNothing() throws Exception {
        Path config = Files.writeString(tmp.resolve("grid.yaml"), CONFIG);
        Path out = tmp.resolve("run");
        CliRun plan = CliRun.ouro("sweep", "plan", "--config", config.toString(), "--out", out.toString(), "--json");
        assertEquals(0, plan.exitCode(), plan.err());
        assertEquals(6, Json.MAPPER.readTree(plan.out()).path("tasks").size(), plan.out());
        assertTrue(Files.isRegularFile(out.resolve("sweep/plan.json")));

        Path dry = tmp.resolve("dry");
        CliRun script = CliRun.ouro("sweep", "submit", "--config", config.toString(), "--out", dry.toString(),
                "--time", "04:00:00", "--dry-run");
        assertEquals(0, script.exitCode(), script.err());
        assertTrue(script.out().contains("#SBATCH --partition=gpu\n#SBATCH --time=04:00:00\n"), script.out());
        assertTrue(script.out().contains("sbatch --array=0-1 --dependency=aftercorr:GEN0 " + dry.toAbsolutePath()
                + "/sweep/sweep.sbatch replace\n"), script.out());
        assertFalse(Files.exists(dry), "a dry run writes nothing");
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path config = Files.writeString(tmp.resolve("grid.yaml"), CONFIG);
        CliRun only = CliRun.ouro("run", "--config", config.toString(), "--out", tmp.resolve("r").toString(), "--only",
                "regime=mix,seed=0");
        assertEquals(2, only.exitCode());
        String[] lines = only.err().strip().split("\n"); // the first line names the engine
        assertEquals("error: --only regime=mix,seed=0: regime 'mix' is not among the config's regimes [replace, "
                + "accumulate]", lines[lines.length - 1]);
        CliRun status = CliRun.ouro("sweep", "status", tmp.toString());
        assertEquals(2, status.exitCode());
        assertTrue(status.err().startsWith("error: not a sweep: cannot read " + tmp.toAbsolutePath()
                + "/sweep/plan.json"), status.err());
        CliRun engine = CliRun.ouro("sweep", "submit", "--config", config.toString(), "--out", tmp.toString(),
                "--engine", "pbs");
        assertEquals(2, engine.exitCode());
        assertTrue(engine.err().contains("--engine"), engine.err());
    }
}
