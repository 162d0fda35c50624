package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.report.MetricsRow;
import org.ouroboros.experiments.report.MetricsTable;

/** A tiny run of the detect regime and of replace under a KL anchor: one generation each after generation 0. */
class MitigationRunTest {
    @TempDir
    static Path tmp;
    static Path run;
    static MetricsTable table;

    @BeforeAll
    static void runOnce() throws Exception {
        Path corpus = TinyCorpus.write(tmp.resolve("corpus"));
        String yaml = TinyCorpus.config(corpus, "")
                .replace("generations: 2", "generations: 1")
                .replace("warmup_steps: 3}", "warmup_steps: 3, anchor: {type: kl, weight: 1.0}}")
                .replace("regimes: [{type: replace}, {type: accumulate}]",
                        "regimes: [{type: replace}, {type: detect, real_fraction: 0.5, detect: {samples: 60}}]");
        ExperimentConfig config = ExperimentConfigs.parse(yaml, "mitigation.yaml");
        run = tmp.resolve("run");
        new Recursion(config, RunLayout.open(run, config, false), tmp.resolve("data")).run();
        table = MetricsTable.read(run.resolve("metrics.csv"));
    }

    @Test
    void detectRecordsTheDetectorAndTheSharesBeforeAndAfterFiltering() throws Exception {
        MetricsRow d = row("detect-0.5", 1);
        assertEquals(0.5, d.value("pool_synthetic_share"), 1e-12);
        for (String c : List.of("detector_precision", "detector_recall", "detector_auc")) {
            assertTrue(d.value(c) >= 0 && d.value(c) <= 1, c + " = " + d.value(c));
        }
        List<String> rows = Files.readAllLines(run.resolve("seed-3/detect-0.5/gen-1/training_set.csv"));
        long synthetic = rows.stream().filter(l -> l.contains(",synthetic,0,")).count();
        assertEquals(d.value("kept_blocks"), rows.size() - 1, 0.0);
        assertEquals(d.value("kept_synthetic_share"), (double) synthetic / (rows.size() - 1), 1e-12);
        assertEquals(d.value("synthetic_share"), d.value("kept_synthetic_share"), 1e-12);
        assertTrue(Files.exists(run.resolve("report/detector.png")));
        assertTrue(Files.exists(run.resolve("report/training_composition.png")));
    }

    @Test
    void theAnchoredGenerationStaysCloseToItsBase() {
        // the KL anchor pulls replace's generation 1 towards generation 0 (the base of a run without one)
        assertEquals(0.0, row("replace", 0).value("kl_to_base"), 1e-9);
        double kl = row("replace", 1).value("kl_to_base");
        assertTrue(kl > 0 && kl < 1.0, "kl_to_base " + kl);
    }

    private static MetricsRow row(String regime, int generation) {
        return table.rows().stream().filter(r -> r.regime().equals(regime) && r.generation() == generation)
                .findFirst().orElseThrow();
    }
}
