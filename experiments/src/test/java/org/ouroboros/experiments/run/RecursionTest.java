package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.io.AtomicFiles;

/** A tiny end-to-end run (tiny model, ~160 blocks, 2 generations, 2 regimes, 1 seed), then a resumed one. */
class RecursionTest {
    @TempDir
    static Path tmp;
    static ExperimentConfig config;
    static Path full;
    static Recursion.Summary summary;

    @BeforeAll
    static void runOnce() throws Exception {
        Path corpus = TinyCorpus.write(tmp.resolve("corpus"));
        config = ExperimentConfigs.parse(TinyCorpus.config(corpus, ""), "test.yaml");
        full = tmp.resolve("full");
        summary = new Recursion(config, RunLayout.open(full, config, false), tmp.resolve("data")).run();
    }

    @Test
    void producesEveryFileWithTheRightColumns() throws Exception {
        assertEquals(6, summary.rows().size(), "generation 0 under each regime + 2 x 2 generations");
        assertTrue(summary.rows().stream().allMatch(r -> r.status().equals("ok")));
        List<String> metrics = Files.readAllLines(full.resolve("metrics.csv"));
        assertTrue(metrics.get(0).startsWith(String.join(",", MetricsRow.COLUMNS) + ","), metrics.get(0));
        for (String column : List.of("regime", "seed", "generation", "train_sequences", "real_fraction",
                "test_perplexity", "valid_perplexity", "self_bleu", "self_bleu_2", "self_bleu_3", "self_bleu_5",
                "output_entropy", "real_output_entropy", "unigram_entropy", "distinct_1", "distinct_2",
                "rare_recall", "unigram_kl", "status")) {
            assertTrue(MetricsRow.COLUMNS.contains(column), column);
        }
        assertEquals(7, metrics.size());
        assertEquals("regime,seed,generation,category,test_perplexity,test_tokens",
                Files.readAllLines(full.resolve("category_perplexity.csv")).get(0));
        assertTrue(Files.readString(full.resolve("category_perplexity.csv")).contains(",fiction,"));
        assertEquals("regime,seed,generation,sequence,perplexity",
                Files.readAllLines(full.resolve("sequence_perplexity.csv")).get(0));
        assertTrue(Files.readString(full.resolve("seed-3/replace/gen-2/samples.jsonl")).startsWith("{\"prompt\":"));
        for (String f : List.of("config.resolved.yaml", "report/report.html", "report/test_perplexity.png",
                "seed-3/gen-0/model/model.safetensors", "tokenizer/tokenizer.json")) {
            assertTrue(Files.exists(full.resolve(f)), f);
        }
        assertFalse(Files.exists(full.resolve("seed-3/replace/gen-1/model")), "scratch init keeps no later models");
    }

    @Test
    void collapseMetricsAndProvenanceSharesAreColumnsOfEveryRow() throws Exception {
        List<String> header = List.of(Files.readAllLines(full.resolve("metrics.csv")).get(0).split(","));
        for (String column : List.of("synthetic_share", "synthetic_share_gen_0", "synthetic_share_gen_1",
                "tail_mass_5", "tail_mass_50", "real_tail_mass_5", "real_tail_mass_50", "compression_ratio",
                "zipf_alpha", "self_perplexity", "synthetic_gen0_perplexity", "mauve", "mauve_sd", "kl_to_base")) {
            assertTrue(header.contains(column), column + " in " + header);
        }
        org.ouroboros.experiments.report.MetricsTable table = org.ouroboros.experiments.report.MetricsTable.read(
                full.resolve("metrics.csv"));
        for (org.ouroboros.experiments.report.MetricsRow r : table.rows()) {
            double mauve = r.value("mauve");
            assertTrue(mauve > 0 && mauve <= 1, "mauve " + mauve);
            assertTrue(r.value("kl_to_base") >= 0);
            assertTrue(r.value("compression_ratio") > 0 && r.value("compression_ratio") < 1.5);
        }
        assertEquals(0.0, table.rows().stream().filter(r -> r.generation() == 0).findFirst().orElseThrow()
                .value("kl_to_base"), 1e-9, "generation 0 is the base");
        assertEquals(1.0, row2("replace", 2).value("synthetic_share"), 0.0);
        assertEquals(1.0, row2("replace", 2).value("synthetic_share_gen_1"), 0.0);
        assertEquals(2.0 / 3, row2("accumulate", 2).value("synthetic_share"), 1e-12);
        assertEquals(1.0 / 3, row2("accumulate", 2).value("synthetic_share_gen_0"), 1e-12);
    }

    @Test
    void everyGenerationListsTheOriginOfEachTrainingBlock() throws Exception {
        List<String> zero = Files.readAllLines(full.resolve("seed-3/gen-0/training_set.csv"));
        assertEquals("block,origin,generation,continues,weight", zero.get(0));
        assertEquals("0,real,,0,1.0", zero.get(1));
        int blocks = row("replace", 0).trainSequences();
        assertEquals(blocks + 1, zero.size());
        List<String> acc = Files.readAllLines(full.resolve("seed-3/accumulate/gen-2/training_set.csv"));
        assertEquals(3 * blocks + 1, acc.size());
        assertEquals(blocks, acc.stream().filter(l -> l.contains(",real,")).count());
        assertEquals(blocks, acc.stream().filter(l -> l.contains(",synthetic,1,")).count());
        assertTrue(acc.contains((blocks + 5) + ",synthetic,0,5,1.0"), "gen-0 block 5 continues real block 5");
    }

    private static org.ouroboros.experiments.report.MetricsRow row2(String regime, int generation) throws Exception {
        return org.ouroboros.experiments.report.MetricsTable.read(full.resolve("metrics.csv")).rows().stream()
                .filter(r -> r.regime().equals(regime) && r.generation() == generation).findFirst().orElseThrow();
    }

    @Test
    void regimesTrainOnWhatTheyShould() {
        MetricsRow replace2 = row("replace", 2);
        MetricsRow accumulate2 = row("accumulate", 2);
        MetricsRow gen0 = row("replace", 0);
        assertEquals(0.0, replace2.realFraction());
        assertEquals(gen0.trainSequences(), replace2.trainSequences(), "replace: one synthetic per real block");
        assertEquals(3 * gen0.trainSequences(), accumulate2.trainSequences(), "accumulate: real + 2 corpora");
        assertEquals(1.0 / 3, accumulate2.realFraction(), 1e-12);
    }

    @Test
    void aRunInterruptedAfterGenerationOneResumesToTheSameMetrics() throws Exception {
        Path resumed = tmp.resolve("resumed");
        copy(full, resumed);
        for (String regime : List.of("replace", "accumulate")) {
            AtomicFiles.deleteRecursively(resumed.resolve("seed-3").resolve(regime).resolve("gen-2"));
        }
        Files.delete(resumed.resolve("metrics.csv"));
        Recursion.Summary again = new Recursion(config, RunLayout.open(resumed, config, false), tmp.resolve("data")).run();
        assertEquals(2, again.generationsRun());
        assertEquals(3, again.generationsResumed());
        for (String f : List.of("metrics.csv", "category_perplexity.csv", "sequence_perplexity.csv")) {
            assertEquals(Files.readString(full.resolve(f)), Files.readString(resumed.resolve(f)), f);
        }
    }

    @Test
    void aDifferentConfigInTheRunDirectoryIsRefusedUnlessForced() throws Exception {
        Path dir = tmp.resolve("other");
        RunLayout.open(dir, config, false);
        ExperimentConfig changed = ExperimentConfigs.parse(TinyCorpus.config(tmp.resolve("corpus"), "")
                .replace("generations: 2", "generations: 3"), "changed.yaml");
        BadInputException e = assertThrows(BadInputException.class, () -> RunLayout.open(dir, changed, false));
        assertTrue(e.getMessage().contains("--force-new"), e.getMessage());
        RunLayout.open(dir, changed, true);
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("other.replaced-")), "old run kept aside");
        }
    }

    private static MetricsRow row(String regime, int generation) {
        return summary.rows().stream().filter(r -> r.regime().equals(regime) && r.generation() == generation)
                .findFirst().orElseThrow();
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
