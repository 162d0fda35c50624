package org.ouroboros.experiments.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.run.MetricsRow;
import org.ouroboros.experiments.run.Recursion;
import org.ouroboros.experiments.run.RunLayout;

/**
 * The paper's protocol, reduced (tiny model, a few hundred blocks): a base pretrained on "informative"
 * genres, every generation fine-tuned from it on "imaginative" ones, 5-beam continuations of exactly
 * the block size, setting (a) replace for 1 epoch and setting (b) mix for 2 in the same run. Checks the
 * shape of what the code computes, through the same path {@code ouro run} takes.
 */
@Tag("slow")
class PaperProtocolTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;
    static Recursion.Summary summary;

    static ExperimentConfig config(Path corpus) {
        return ExperimentConfigs.parse("""
                name: paper-reduced
                seeds: [0]
                generations: 2
                pretrain:
                  genres: [informative]
                  vocab_size: 300
                  model: tiny
                  training: {epochs: 3, batch_size: 8, lr: 3.0e-3, min_lr: 3.0e-4, warmup_steps: 5}
                corpus: {source: "jsonl:%s", genres: [imaginative], max_train_blocks: 48}
                model: {init: base}
                training: {block_size: 16, epochs: 2, batch_size: 8, lr: 2.0e-3, min_lr: 2.0e-4}
                generation: {strategy: beam, beams: 5, new_tokens: 16, repetition_penalty: 1.5, no_repeat_ngram_size: 3,
                             batch_size: 16}
                regimes:
                  - {type: replace, label: a, training: {epochs: 1}}
                  - {type: mix, real_fraction: 0.25, label: b, training: {epochs: 3}}
                metrics: {entropy_samples: 16}
                """.formatted(corpus), "paper-reduced.yaml");
    }

    @BeforeAll
    static void runOnce() throws Exception {
        Path corpus = PaperCorpus.write(tmp.resolve("corpus"), 1800);
        data = tmp.resolve("data");
        run = tmp.resolve("run");
        ExperimentConfig c = config(corpus);
        summary = new Recursion(c, RunLayout.open(run, c, false), data).run();
    }

    @Test
    void bothSettingsRunEveryGenerationFromTheBaseWithTheirOwnEpochs() throws Exception {
        assertEquals(6, summary.rows().size(), "generation 0 under each setting + 2 x 2 generations");
        assertTrue(summary.rows().stream().allMatch(r -> r.status().equals("ok")), summary.rows().toString());
        assertEquals(2, epochs("seed-0/gen-0"), "generation 0: the run's training.epochs");
        for (int g = 1; g <= 2; g++) {
            assertEquals(1, epochs("seed-0/a/gen-" + g), "setting (a)'s own epochs");
            assertEquals(3, epochs("seed-0/b/gen-" + g), "setting (b)'s own epochs");
        }
        MetricsRow b2 = row("b", 2);
        assertEquals(48, b2.trainSequences(), "mix keeps the size of the real training set");
        assertEquals(0.25, b2.realFraction(), 1e-12);
        assertEquals(0.0, row("a", 2).realFraction());
        assertFalse(Files.exists(run.resolve("tokenizer")), "the base brings its tokenizer");
    }

    @Test
    void fineTuningTheBaseBeatsItsZeroShotPerplexity() throws Exception {
        JsonNode base = Json.MAPPER.readTree(run.resolve("base.json").toFile());
        double zeroShot = base.path("test_perplexity").asDouble();
        assertFalse(base.path("pretrained").path("reused").asBoolean());
        assertEquals("jsonl:corpus[informative]", base.path("pretrained").path("figures").path("corpus").asText());
        assertEquals("jsonl:corpus[imaginative]", base.path("corpus").asText());
        double tuned = row("a", 0).testPerplexity();
        assertTrue(tuned < zeroShot, "fine-tuned " + tuned + " vs zero-shot " + zeroShot);
        assertTrue(base.path("categories").has("humor"), base.toString());
    }

    @Test
    void beamContinuationsHaveExactlyTheBlockSizeNoRepeatedTrigramAndLowGenerationZeroPerplexity() throws Exception {
        for (String dir : List.of("seed-0/gen-0", "seed-0/a/gen-1", "seed-0/b/gen-1")) {
            for (String line : Files.readAllLines(run.resolve(dir).resolve("samples.jsonl"))) {
                JsonNode tokens = Json.MAPPER.readTree(line).path("tokens");
                assertEquals(16, tokens.size(), line);
                Set<String> trigrams = new HashSet<>();
                for (int i = 0; i + 3 <= tokens.size(); i++) {
                    String t = tokens.get(i) + " " + tokens.get(i + 1) + " " + tokens.get(i + 2);
                    assertTrue(trigrams.add(t), dir + ": no_repeat_ngram_size 3, yet " + t + " twice in " + line);
                }
            }
        }
        double[] real = column(run.resolve("sequence_perplexity.csv"), "a", 0);
        double[] beam = column(run.resolve("synthetic_perplexity.csv"), "a", 0);
        assertEquals(48, real.length);
        assertEquals(48, beam.length, "one continuation per prompt");
        assertTrue(median(beam) < median(real), "beam text is more probable than real text under generation 0: "
                + median(beam) + " vs " + median(real));
    }

    @Test
    void theReportHasThePaperFigureTheClaimsAndPerGenreIntervals() throws Exception {
        String html = Files.readString(run.resolve("report/report.html"));
        assertTrue(html.contains("The paper&#39;s claims against this run"), "claims table");
        assertTrue(html.contains("Setting (a) is a (replace), setting (b) is b (mix)."), "settings named");
        assertTrue(html.contains("zero-shot"), "zero-shot reference");
        assertTrue(html.contains("Example continuations"));
        assertTrue(html.contains("95% bootstrap intervals"), "per-genre intervals from per-block scores");
        for (String png : List.of("test_perplexity.png", "sequence_perplexity.png", "genre_perplexity.png")) {
            assertTrue(Files.size(run.resolve("report").resolve(png)) > 1000, png);
        }
        long blocks = Files.readAllLines(run.resolve("test_blocks.csv")).size() - 1;
        assertEquals(6 * blocks, Files.readAllLines(run.resolve("test_block_nll.csv")).size() - 1,
                "every test block scored in each of the 6 rows");
    }

    @Test
    void anotherRunOfTheSameBaseReusesIt() throws Exception {
        ExperimentConfig c = config(tmp.resolve("corpus"));
        ExperimentConfig shorter = ExperimentConfigs.parse(ExperimentConfigs.toYaml(c).replace("generations: 2",
                "generations: 1"), "shorter.yaml");
        Path other = tmp.resolve("other");
        new Recursion(shorter, RunLayout.open(other, shorter, false), data).run();
        JsonNode base = Json.MAPPER.readTree(other.resolve("base.json").toFile());
        assertTrue(base.path("pretrained").path("reused").asBoolean(), base.toString());
        assertEquals(Json.MAPPER.readTree(run.resolve("base.json").toFile()).path("base").asText(),
                base.path("base").asText());
        assertEquals(row("a", 0).testPerplexity(), Files.readAllLines(other.resolve("metrics.csv")).stream()
                .skip(1).map(l -> Double.parseDouble(l.split(",")[5])).findFirst().orElseThrow(), 1e-9,
                "same base, same seed: the same generation 0");
    }

    private static int epochs(String generationDir) throws Exception {
        return Json.MAPPER.readTree(run.resolve(generationDir).resolve("record.json").toFile()).path("epochs").size();
    }

    private static MetricsRow row(String regime, int generation) {
        return summary.rows().stream().filter(r -> r.regime().equals(regime) && r.generation() == generation)
                .findFirst().orElseThrow();
    }

    private static double[] column(Path csv, String regime, int generation) throws Exception {
        List<Double> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
            String[] f = line.split(",");
            if (f[0].equals(regime) && Integer.parseInt(f[2]) == generation) {
                out.add(Double.parseDouble(f[4]));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
