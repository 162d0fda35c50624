package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;

/** A generation whose training diverges is a failed row with the reason, and the run goes on. */
class DivergenceTest {
    @Test
    void divergedTrainingIsRecordedAndTheOtherSeedsStillRun(@TempDir Path tmp) throws Exception {
        Path corpus = TinyCorpus.write(tmp.resolve("corpus"));
        String yaml = TinyCorpus.config(corpus, "")
                .replace("seeds: [3]", "seeds: [1, 2]")
                .replace("lr: 3.0e-3, min_lr: 3.0e-4", "lr: 1.0e+20, min_lr: 1.0e+20, grad_clip: 0")
                .replace("epochs: 2", "epochs: 3");
        ExperimentConfig config = ExperimentConfigs.parse(yaml, "diverge.yaml");
        Path run = tmp.resolve("run");
        Recursion.Summary s = new Recursion(config, RunLayout.open(run, config, false), tmp.resolve("data")).run();
        assertEquals(4, s.rows().size(), "generation 0 of both seeds, under both regimes");
        for (MetricsRow r : s.rows()) {
            assertTrue(r.status().startsWith("failed: training diverged"), r.status());
            assertTrue(Double.isNaN(r.testPerplexity()));
        }
        List<String> csv = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).contains(",failed: training diverged at step"), csv.get(1));
        assertTrue(csv.stream().anyMatch(l -> l.startsWith("replace,2,0,")), "the second seed ran after the first failed");
        assertTrue(Files.exists(run.resolve("report/report.html")), "the report still renders");
    }
}
