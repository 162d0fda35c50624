package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.report.MetricsRow;
import org.ouroboros.experiments.report.MetricsTable;
import org.ouroboros.trainer.engine.Engines;

/**
 * The anchors and MAUVE on the PyTorch engine, through the run's own code path: a tiny run of replace, replace
 * with an L2 anchor and replace with a KL anchor, one generation after generation 0, every model on libtorch.
 */
class PyTorchMitigationRunTest {
    @TempDir
    static Path tmp;
    static MetricsTable table;

    @BeforeAll
    static void runOnce() throws Exception {
        Path corpus = TinyCorpus.write(tmp.resolve("corpus"));
        String yaml = TinyCorpus.config(corpus, "")
                .replace("generations: 2", "generations: 1")
                .replace("regimes: [{type: replace}, {type: accumulate}]",
                        "regimes: [{type: replace}, {type: replace, label: replace-l2, training: {anchor: {type: l2,"
                                + " weight: 0.01}}}, {type: replace, label: replace-kl, training: {anchor: {type: kl,"
                                + " weight: 1.0}}}]");
        ExperimentConfig config = ExperimentConfigs.parse(yaml, "pytorch-mitigation.yaml");
        Path run = tmp.resolve("run");
        new Recursion(config, RunLayout.open(run, config, false), tmp.resolve("data"),
                Engines.require("pytorch").open("cpu")).run();
        table = MetricsTable.read(run.resolve("metrics.csv"));
    }

    @Test
    void everyGenerationHasMauveFromTheGeneration0HiddenStates() {
        assertEquals(6, table.rows().size());       // 3 regimes x generations 0 and 1
        for (MetricsRow r : table.rows()) {
            double mauve = r.value("mauve");
            assertTrue(mauve > 0 && mauve <= 1, r.regime() + " gen " + r.generation() + ": mauve " + mauve);
            assertTrue(r.value("mauve_sd") >= 0);
        }
    }

    @Test
    void theKlAnchorKeepsGeneration1CloserToItsBase() {
        double free = row("replace").value("kl_to_base");
        double l2 = row("replace-l2").value("kl_to_base");
        double kl = row("replace-kl").value("kl_to_base");
        assertTrue(free > 0 && l2 > 0 && kl > 0, free + " " + l2 + " " + kl);
        assertTrue(kl < 0.8 * free, "kl_to_base with the KL anchor " + kl + ", without " + free);
    }

    private static MetricsRow row(String regime) {
        return table.rows().stream().filter(r -> r.regime().equals(regime) && r.generation() == 1)
                .findFirst().orElseThrow();
    }
}
