package org.ouroboros.experiments.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.trainer.checkpoint.ModelCheckpoints;
import org.ouroboros.trainer.checkpoint.Provenance;
import org.ouroboros.trainer.engine.Engines;

/** The base model cache: built once, found again by its key, rebuilt when damaged, a new key per setting. */
class PretrainedBaseTest {
    @TempDir
    static Path tmp;
    static Path corpus;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = PaperCorpus.write(tmp.resolve("corpus"), 120);
    }

    private static ExperimentConfig config(String pretrainTraining) {
        return ExperimentConfigs.parse("""
                corpus: {source: "jsonl:%s", genres: [imaginative]}
                model: {init: base}
                training: {block_size: 16}
                generation: {new_tokens: 8}
                pretrain:
                  genres: [informative]
                  vocab_size: 280
                  model: tiny
                  max_eval_blocks: 8
                  training: {%s}
                """.formatted(corpus, pretrainTraining), "p.yaml");
    }

    @Test
    void aBaseIsBuiltOnceReusedByItsKeyAndRebuiltWhenDamaged() throws Exception {
        Path data = tmp.resolve("data-reuse");
        ExperimentConfig c = config("epochs: 1, batch_size: 8, lr: 1.0e-3, max_steps: 4");
        PretrainedBase.Result first = PretrainedBase.ensure(c, data, Engines.current());
        assertFalse(first.reused());
        assertNull(first.rebuiltBecause());
        assertTrue(first.model().startsWith(data.resolve(PretrainedBase.DIR)), first.model().toString());
        assertTrue(first.model().getParent().getFileName().toString().startsWith("jsonl_corpus_informative_-tiny-"));
        assertEquals("jsonl:corpus[informative]", first.figures().corpus());
        assertTrue(Double.isFinite(first.figures().validPerplexity()) && first.figures().validPerplexity() > 1);
        assertTrue(ModelCheckpoints.load(first.model()).model().config().maxPositions() >= 24,
                "positions for a 16-token prompt and 8 new tokens");
        Provenance p = Provenance.read(first.model().resolve(Provenance.FILE_NAME));
        assertEquals(first.keySha256(), p.extra().get("base_key_sha256"));

        PretrainedBase.Result again = PretrainedBase.ensure(c, data, Engines.current());
        assertTrue(again.reused());
        assertEquals(first.model(), again.model());
        assertEquals(first.figures(), again.figures());

        Path weights = first.model().resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 1;
        Files.write(weights, bytes);
        PretrainedBase.Result rebuilt = PretrainedBase.ensure(c, data, Engines.current());
        assertFalse(rebuilt.reused());
        assertEquals("model/model.safetensors does not match its checksum", rebuilt.rebuiltBecause());
        assertEquals(first.model(), rebuilt.model());
        assertTrue(PretrainedBase.ensure(c, data, Engines.current()).reused(), "intact again");
        assertEquals(first.figures().validPerplexity(), rebuilt.figures().validPerplexity(),
                1e-5 * first.figures().validPerplexity(), "the same seed rebuilds the same base");
    }

    @Test
    void everySettingThatDeterminesTheBaseIsInItsKey() {
        Path data = tmp.resolve("data-keys");
        ExperimentConfig c = config("epochs: 1, batch_size: 8, lr: 1.0e-3, max_steps: 2");
        PretrainedBase.Result a = PretrainedBase.ensure(c, data, Engines.current());
        PretrainedBase.Result lr = PretrainedBase.ensure(config("epochs: 1, batch_size: 8, lr: 2.0e-3, max_steps: 2"),
                data, Engines.current());
        assertNotEquals(a.keySha256(), lr.keySha256());
        assertNotEquals(a.model(), lr.model());
        ExperimentConfig otherSeed = ExperimentConfigs.parse(ExperimentConfigs.toYaml(c).replace("seed: 0",
                "seed: 1"), "seed.yaml");
        assertNotEquals(a.keySha256(), PretrainedBase.ensure(otherSeed, data, Engines.current()).keySha256());
        ExperimentConfig moreSeeds = ExperimentConfigs.parse(ExperimentConfigs.toYaml(c)
                .replace("generations: 5", "generations: 2"), "gens.yaml");
        PretrainedBase.Result same = PretrainedBase.ensure(moreSeeds, data, Engines.current());
        assertTrue(same.reused(), "settings of the fine-tuning run do not change the base");
        assertEquals(a.model(), same.model());
        assertEquals(3, List.of(a.keySha256(), lr.keySha256(), PretrainedBase.ensure(otherSeed, data, Engines.current()).keySha256())
                .stream().distinct().count());
    }
}
