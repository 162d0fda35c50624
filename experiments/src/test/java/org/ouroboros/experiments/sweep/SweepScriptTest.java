package org.ouroboros.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;

/** The sweep: section, the task list, the sbatch script and the array submissions, without a cluster. */
class SweepScriptTest {
    private static final String CONFIG = """
            name: grid
            seeds: [7, 8, 9]
            generations: 4
            regimes: [{type: replace}, {type: mix, real_fraction: 0.2}]
            """;

    @TempDir
    Path tmp;

    @Test
    void theSweepSectionIsNoPartOfTheRunAndFlagsOverrideIt() {
        String text = CONFIG + "sweep: {engine: slurm, partition: gpu, time: \"12:00:00\", gpus_per_task: 1}\n";
        ExperimentConfig withSweep = ExperimentConfigs.parse(text, "grid.yaml");
        assertEquals(ExperimentConfigs.hash(ExperimentConfigs.parse(CONFIG, "grid.yaml")), ExperimentConfigs.hash(withSweep),
                "where chains run does not change the run's config hash");
        SweepConfig s = SweepConfigs.parse(text, "grid.yaml");
        assertEquals(SweepConfig.Engine.SLURM, s.engine());
        SweepConfig over = s.with(new SweepConfig(null, null, null, "a100", null, null, "32G", null, null, null));
        assertEquals("a100", over.partition());
        assertEquals("12:00:00", over.time());
        assertEquals("32G", over.mem());
        assertEquals(SweepConfig.Engine.LOCAL, SweepConfigs.parse(CONFIG, "grid.yaml").engineOrDefault());
    }

    @Test
    void badSweepKeysNameTheKey() {
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> SweepConfigs.parse(CONFIG + "sweep: {partitoin: gpu}\n", "grid.yaml"));
        assertTrue(unknown.getMessage().startsWith("grid.yaml: bad 'sweep' section: Unrecognized field \"partitoin\""),
                unknown.getMessage());
        BadInputException mem = assertThrows(BadInputException.class,
                () -> SweepConfigs.parse(CONFIG + "sweep: {mem: lots}\n", "grid.yaml"));
        assertEquals("grid.yaml: sweep key 'mem': expected a Slurm size such as 16G, got 'lots'", mem.getMessage());
    }

    @Test
    void theScriptRunsOneChainPerArrayIndexAfterItsGenerationZero() throws Exception {
        ExperimentConfig config = ExperimentConfigs.parse(CONFIG, "grid.yaml");
        SweepLayout layout = new SweepLayout(tmp.resolve("run dir"));
        SweepPlan plan = SweepPlan.of(config, layout);
        assertEquals(List.of("seed-7/gen-0", "seed-8/gen-0", "seed-9/gen-0", "seed-7/replace", "seed-7/mix-0.2",
                "seed-8/replace", "seed-8/mix-0.2", "seed-9/replace", "seed-9/mix-0.2"),
                plan.tasks().stream().map(SweepPlan.Task::name).toList());
        assertEquals(List.of("seed-8/gen-0"), plan.tasks().get(5).needs());
        Submission sub = new Submission(SweepConfig.Engine.SLURM, new SweepConfig(SweepConfig.Engine.SLURM, null, null,
                "gpu", null, "1-00:00:00", "32G", 8, 1, List.of("--qos=long")), tmp.resolve("data"), tmp,
                new Launcher(List.of("/opt/ouro/scripts/ouro"), Map.of()), List.of());
        String script = SlurmEngine.script(plan, layout, sub);
        for (String line : List.of("#SBATCH --partition=gpu", "#SBATCH --time=1-00:00:00", "#SBATCH --mem=32G",
                "#SBATCH --cpus-per-task=8", "#SBATCH --gpus-per-task=1", "#SBATCH --qos=long", "seeds=(7 8 9)",
                "#SBATCH --output=" + layout.logs() + "/slurm-%A_%a.out")) {
            assertTrue(script.lines().anyMatch(line::equals), line + " in\n" + script);
        }
        assertTrue(script.contains("exec /opt/ouro/scripts/ouro run --config '" + layout.config() + "'"), script);
        Path file = tmp.resolve("sweep.sbatch");
        Files.writeString(file, script);
        assertEquals(0, new ProcessBuilder("bash", "-n", file.toString()).inheritIO().start().waitFor(), "bash syntax");

        List<SlurmEngine.Sbatch> all = SlurmEngine.commands(plan, layout, plan.tasks());
        assertEquals(List.of("--array=0-2", layout.script().toString(), "gen0"), all.get(0).args());
        assertEquals(List.of("--array=0-2", "--dependency=aftercorr:GEN0", layout.script().toString(), "mix-0.2"),
                all.get(2).args());
        assertEquals(Map.of(0, "seed-7/mix-0.2", 1, "seed-8/mix-0.2", 2, "seed-9/mix-0.2"), all.get(2).chains());
        List<SlurmEngine.Sbatch> rest = SlurmEngine.commands(plan, layout, List.of(plan.tasks().get(3),
                plan.tasks().get(7)));
        assertEquals(1, rest.size(), "a resume of two replace chains whose generation 0 is done");
        assertEquals(List.of("--array=0,2", layout.script().toString(), "replace"), rest.get(0).args());
    }
}
