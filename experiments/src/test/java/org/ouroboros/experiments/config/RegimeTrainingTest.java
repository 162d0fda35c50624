package org.ouroboros.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ouroboros.cli.BadInputException;

/** Per-regime training settings, the pretrain section and the corpus selector of a config. */
class RegimeTrainingTest {
    private static final String PAPER = """
            training: {epochs: 3, lr: 1.0e-4}
            regimes:
              - {type: replace, label: a, training: {epochs: 5}}
              - {type: mix, real_fraction: 0.1, label: b, training: {epochs: 10, lr: 5.0e-5}}
              - {type: accumulate}
            """;

    @Test
    void aRegimeOverridesTrainingKeysAndKeepsTheRest() {
        ExperimentConfig c = ExperimentConfigs.parse(PAPER, "p.yaml");
        assertEquals(5, c.trainingFor("a").epochs());
        assertEquals(1e-4, c.trainingFor("a").lr());
        assertEquals(10, c.trainingFor("b").epochs());
        assertEquals(5e-5, c.trainingFor("b").lr());
        assertEquals(c.training(), c.trainingFor("accumulate"), "no overrides: the run's settings");
        assertEquals(c.training(), c.trainingFor("real"), "generation 0 uses the run's settings");
        assertEquals(c.training().batchSize(), c.trainingFor("b").batchSize());
    }

    @Test
    void theResolvedConfigShowsOverridesAndRoundTrips() {
        ExperimentConfig c = ExperimentConfigs.parse(PAPER, "p.yaml");
        String yaml = ExperimentConfigs.toYaml(c);
        assertTrue(yaml.contains("epochs: 10"), yaml);
        ExperimentConfig again = ExperimentConfigs.parse(yaml, "resolved");
        assertEquals(c, again);
        assertEquals(ExperimentConfigs.hash(c), ExperimentConfigs.hash(again));
        ExperimentConfig other = ExperimentConfigs.parse(PAPER.replace("epochs: 10", "epochs: 9"), "p.yaml");
        assertFalse(ExperimentConfigs.hash(c).equals(ExperimentConfigs.hash(other)), "overrides are in the hash");
        String plain = ExperimentConfigs.toYaml(ExperimentConfigs.parse("regimes: [{type: replace}]", "x"));
        assertFalse(plain.contains("genres") || plain.contains("pretrain"), "empty additions stay out: " + plain);
        assertEquals(1, plain.split("training:", -1).length - 1, "no empty per-regime training: " + plain);
    }

    @Test
    void badOverridesAreOneLineErrorsNamingTheRegimeAndKey() {
        assertMessage("regimes: [{type: replace, label: a, training: {epochs: 0}}]",
                "config key 'regimes[a].training.epochs': must be positive, got 0");
        assertMessage("regimes: [{type: replace, label: a, training: {epochz: 3}}]",
                "config key 'regimes[a].training.epochz': unknown training key (known: ");
        assertMessage("regimes: [{type: replace, training: {block_size: 32}}]",
                "config key 'regimes[replace].training.block_size': every regime shares");
        assertMessage("regimes: [{type: replace, training: {lr: fast}}]", "regimes[replace].training");
        assertMessage("training: {lr: 1.0e-3}\nregimes: [{type: replace, training: {min_lr: 1.0e-2}}]",
                "config key 'regimes[replace].training.min_lr': must lie in [0, lr]");
    }

    @Test
    void pretrainAndGenresAreValidatedAndNeedABaseInit() {
        ExperimentConfig c = ExperimentConfigs.parse("""
                corpus: {genres: [imaginative]}
                model: {init: base}
                pretrain: {genres: [informative], model: tiny, training: {epochs: 2, lr: 1.0e-3}}
                """, "p.yaml");
        assertEquals(List.of("imaginative"), c.corpus().genres());
        assertEquals(List.of("informative"), c.pretrain().genres());
        assertEquals(2, c.pretrain().training().epochs());
        assertEquals(c, ExperimentConfigs.parse(ExperimentConfigs.toYaml(c), "resolved"));
        assertEquals("/b", c.withBase("/b").model().base());
        assertEquals(null, c.withBase("/b").pretrain());
        assertMessage("model: {init: base}", "config key 'model.base': is required when model.init is base");
        assertMessage("model: {init: scratch}\npretrain: {model: tiny}", "config key 'pretrain': needs model.init");
        assertMessage("model: {init: base, base: x}\npretrain: {model: tiny}", "config key 'pretrain': and model.base");
        assertMessage("model: {init: base}\npretrain: {vocab_size: 10}", "'pretrain.vocab_size': must lie in");
        assertMessage("corpus: {genres: [' ']}", "'corpus.genres': must not hold a blank name");
    }

    private static void assertMessage(String yaml, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentConfigs.parse(yaml, "c.yaml"));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void theShippedPaperConfigsRunBothSettingsInOneRun() {
        Path configs = Path.of(System.getProperty("user.dir")).resolve("configs");
        for (String name : List.of("brown-paper.yaml", "opt125m-wikitext2.yaml")) {
            ExperimentConfig c = ExperimentConfigs.load(configs.resolve(name));
            RegimeConfig a = c.regimes().stream().filter(r -> r.type().equals("replace")).findFirst().orElseThrow();
            RegimeConfig b = c.regimes().stream().filter(r -> r.type().equals("mix")).findFirst().orElseThrow();
            assertEquals(5, c.trainingFor(a.label()).epochs(), name);
            assertEquals(10, c.trainingFor(b.label()).epochs(), name);
            assertEquals(0.1, b.realFraction(), name);
            assertEquals(InitPolicy.BASE, c.model().init(), name);
            assertEquals("beam", c.generation().strategy(), name);
            assertEquals(5, c.generation().beams(), name);
            assertEquals(64, c.generation().newTokens(), name);
            assertEquals(64, c.generation().minNewTokens(), name);
        }
    }
}
