package org.ouroboros.experiments.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.run.RunData;
import org.ouroboros.trainer.engine.Engines;

/**
 * {@code corpus.paragraph_break}: validated, kept in the resolved config only when set, written into the
 * run's text and its base's, and part of the base's cache key, so a base pretrained on one form is never
 * reused for the other; configs without it keep their hash and their base's key.
 */
class ParagraphBreakTest {
    @TempDir
    static Path tmp;
    static Path corpus;

    /** JSONL documents of several paragraphs separated by blank lines, as Brown's parser writes them. */
    @BeforeAll
    static void corpus() throws Exception {
        corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        String[] words = {"the", "jury", "said", "she", "looked", "door", "night", "and", "was", "city"};
        SplittableRandom rng = new SplittableRandom(3);
        for (String split : new String[] {"train", "valid", "test"}) {
            StringBuilder sb = new StringBuilder();
            for (String genre : new String[] {"news", "fiction", "news", "fiction"}) {
                StringBuilder text = new StringBuilder();
                for (int p = 0; p < 8; p++) {
                    text.append(p > 0 ? "\n\n" : "");
                    for (int w = 0; w < 12; w++) {
                        text.append(w > 0 ? " " : "").append(words[rng.nextInt(words.length)]);
                    }
                    text.append('.');
                }
                sb.append(Json.write(Map.of("text", text.toString(), "category", genre))).append('\n');
            }
            Files.writeString(corpus.resolve(split + ".jsonl"), sb.toString());
        }
    }

    private static ExperimentConfig config(String paragraphBreak) {
        return ExperimentConfigs.parse("""
                corpus: {source: "jsonl:%s", genres: [fiction]%s}
                model: {init: base}
                tokenizer: {vocab_size: 280}
                training: {block_size: 16}
                generation: {new_tokens: 8}
                pretrain:
                  genres: [news]
                  vocab_size: 280
                  model: tiny
                  max_eval_blocks: 4
                  training: {epochs: 1, batch_size: 8, lr: 1.0e-3, max_steps: 2}
                """.formatted(corpus, paragraphBreak == null ? "" : ", paragraph_break: " + paragraphBreak),
                "pb.yaml");
    }

    @Test
    void theSettingIsValidatedAndInTheResolvedConfigOnlyWhenSet() {
        ExperimentConfig newline = config("\"\\n\"");
        assertEquals("\n", newline.corpus().paragraphBreak());
        String yaml = ExperimentConfigs.toYaml(newline);
        assertTrue(yaml.contains("paragraph_break:"), yaml);
        assertEquals(newline, ExperimentConfigs.parse(yaml, "resolved.yaml"), "the resolved config reads back");
        assertFalse(ExperimentConfigs.toYaml(config(null)).contains("paragraph_break"), "left out by default");
        assertEquals(ExperimentConfigs.hash(config(null)), ExperimentConfigs.hash(config("\"\\n\\n\"")),
                "the default written out is the same run");
        assertNotEquals(ExperimentConfigs.hash(config(null)), ExperimentConfigs.hash(newline));
        BadInputException e = assertThrows(BadInputException.class, () -> config("\"\\t\""));
        assertEquals("pb.yaml: config key 'corpus.paragraph_break': must be one of \"\\n\\n\", \"\\n\", \" \", "
                + "got \"\\t\"", e.getMessage());
    }

    @Test
    void theRunsTextAndTheBasesAreWrittenWithTheSeparatorAndKeyedApart() throws Exception {
        Path data = tmp.resolve("data");
        PretrainedBase.Result blank = PretrainedBase.ensure(config(null), data, Engines.current());
        PretrainedBase.Result newline = PretrainedBase.ensure(config("\"\\n\""), data, Engines.current());
        assertFalse(newline.reused(), "a base of the blank-line text is not reused for newline text");
        assertNotEquals(blank.keySha256(), newline.keySha256());
        assertNotEquals(blank.model(), newline.model());
        assertEquals("jsonl:corpus[news](paragraph_break=newline)", newline.figures().corpus());
        PretrainedBase.Manifest m = PretrainedBase.readManifest(newline.model().getParent());
        assertEquals("\n", m.key().paragraphBreak());
        assertNull(PretrainedBase.readManifest(blank.model().getParent()).key().paragraphBreak());
        assertFalse(Json.write(PretrainedBase.readManifest(blank.model().getParent()).key())
                .contains("paragraph_break"), "a default key hashes as before the setting existed");
        assertTrue(PretrainedBase.ensure(config("\"\\n\""), data, Engines.current()).reused());

        for (String pb : new String[] {null, "\"\\n\""}) {
            ExperimentConfig run = ExperimentConfigs.parse("""
                    corpus: {source: "jsonl:%s", genres: [fiction]%s}
                    tokenizer: {vocab_size: 280}
                    training: {block_size: 16}
                    """.formatted(corpus, pb == null ? "" : ", paragraph_break: " + pb), "run.yaml");
            try (RunData d = RunData.prepare(run, tmp.resolve("run-" + (pb == null ? "blank" : "newline")), data)) {
                StringBuilder text = new StringBuilder();
                d.train().blocks().forEach(b -> text.append(d.tokenizer().decode(b, true)));
                assertTrue(text.toString().contains("\n"), "paragraph breaks are kept");
                assertEquals(pb == null, text.toString().contains("\n\n"), text.toString());
                assertEquals(pb == null ? "jsonl:corpus[fiction]" : "jsonl:corpus[fiction](paragraph_break=newline)",
                        d.corpusName());
            }
        }
    }
}
