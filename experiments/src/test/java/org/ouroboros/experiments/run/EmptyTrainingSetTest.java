package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;

/** A gate that keeps nothing fails its generation with the reason instead of stopping the run. */
class EmptyTrainingSetTest {
    @TempDir
    Path tmp;

    @Test
    void aRegimeThatKeepsNoBlockIsAFailedGenerationAndTheOthersGoOn() throws Exception {
        Path corpus = TinyCorpus.write(tmp.resolve("corpus"));
        String yaml = TinyCorpus.config(corpus, "").replace("generations: 2", "generations: 1")
                .replace("regimes: [{type: replace}, {type: accumulate}]",
                        "regimes: [{type: verify, min_novelty: 1.0, perplexity_quantile: 0.000001}, {type: replace}]");
        ExperimentConfig config = ExperimentConfigs.parse(yaml, "empty.yaml");
        Recursion.Summary s = new Recursion(config, RunLayout.open(tmp.resolve("run"), config, false),
                tmp.resolve("data")).run();
        MetricsRow verify = s.rows().stream().filter(r -> r.regime().equals("verify-replace") && r.generation() == 1)
                .findFirst().orElseThrow();
        assertEquals("failed: the regime kept no training blocks", verify.status());
        assertTrue(s.rows().stream().anyMatch(r -> r.regime().equals("replace") && r.generation() == 1
                && r.status().equals("ok")));
    }
}
