package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;

/** run --extend: more generations (and seeds) continue a finished run to what a longer run would have given. */
class RunExtensionTest {
    @TempDir
    Path tmp;

    private ExperimentConfig config(int generations, String seeds) throws Exception {
        return config(generations, seeds, 2);
    }

    private ExperimentConfig config(int generations, String seeds, int epochs) throws Exception {
        Path corpus = tmp.resolve("corpus");
        if (!Files.exists(corpus)) {
            TinyCorpus.write(corpus);
        }
        return ExperimentConfigs.parse(TinyCorpus.config(corpus, "")
                .replace("generations: 2", "generations: " + generations).replace("seeds: [3]", "seeds: " + seeds)
                .replace("regimes: [{type: replace}, {type: accumulate}]", "regimes: [{type: accumulate}]")
                .replace("epochs: 2,", "epochs: " + epochs + ","), "t.yaml");
    }

    private void run(ExperimentConfig c, Path dir, boolean extend) {
        new Recursion(c, RunLayout.open(dir, c, false, extend, Map.of()), tmp.resolve("data")).run();
    }

    @Test
    void moreGenerationsContinueToTheSameBytesAsALongerRun() throws Exception {
        extendAndCompare("[3]", "[3]");
    }

    @Test
    @Tag("slow")
    void moreGenerationsAndSeedsContinueToTheSameBytesAsALongerRun() throws Exception {
        extendAndCompare("[3]", "[3, 4]");
    }

    private void extendAndCompare(String seedsBefore, String seedsAfter) throws Exception {
        Path reference = tmp.resolve("reference");
        run(config(2, seedsAfter), reference, false);
        Path extended = tmp.resolve("extended");
        run(config(1, seedsBefore), extended, false);
        run(config(2, seedsAfter), extended, true);
        for (String f : List.of("metrics.csv", "category_perplexity.csv", "sequence_perplexity.csv")) {
            assertEquals(Files.readAllLines(reference.resolve(f)), Files.readAllLines(extended.resolve(f)), f);
        }
        assertEquals(Files.readString(reference.resolve("seed-3/accumulate/gen-2/samples.jsonl")),
                Files.readString(extended.resolve("seed-3/accumulate/gen-2/samples.jsonl")));
        String resolved = Files.readString(extended.resolve("config.resolved.yaml"));
        assertTrue(resolved.startsWith("# extended with run --extend at "), resolved);
        assertTrue(resolved.lines().findFirst().orElseThrow().endsWith(": generations 1 -> 2, seeds " + seedsBefore
                .replace(" ", "") + " -> " + seedsAfter.replace(" ", "")), resolved);
        assertEquals(Files.readString(reference.resolve("config.resolved.yaml")),
                resolved.substring(resolved.indexOf('\n') + 1), "below the comment, the longer run's config");
        assertTrue(Files.readString(extended.resolve("run.json")).contains("\"extended\""));
        run(config(2, seedsAfter), extended, false);           // re-running the extended config is a plain resume
        assertTrue(Files.readString(extended.resolve("config.resolved.yaml")).startsWith("# extended"),
                "the record of the extension survives a resume");
    }

    @Test
    void extendRefusesOtherChangesAndShrinkingAndPlainRunsPointToIt() throws Exception {
        Path dir = tmp.resolve("run");
        ExperimentConfig two = config(2, "[3, 4]");
        RunLayout.open(dir, two, false, Map.of());
        ExperimentConfig moreEpochs = config(3, "[3, 4]", 5);
        BadInputException e = assertThrows(BadInputException.class,
                () -> RunLayout.open(dir, moreEpochs, false, true, Map.of()));
        assertEquals("--extend: the run in " + dir.toAbsolutePath() + " differs from this config in training.epochs"
                + " (2 -> 5); only generations and seeds may grow (use another --out, or --force-new to start again)",
                e.getMessage());
        e = assertThrows(BadInputException.class, () -> RunLayout.open(dir, config(1, "[3, 4]"), false, true, Map.of()));
        assertTrue(e.getMessage().startsWith("--extend: generations must not shrink"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> RunLayout.open(dir, config(2, "[4]"), false, true, Map.of()));
        assertTrue(e.getMessage().endsWith("drops [3]"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> RunLayout.open(dir, config(3, "[3, 4]"), false, false, Map.of()));
        assertTrue(e.getMessage().endsWith(", or --extend to continue it to this config's generations and seeds"),
                e.getMessage());
    }
}
