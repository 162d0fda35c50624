package org.ouroboros.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;

class ExperimentConfigsTest {
    @Test
    void fillsDefaultsAndRoundTripsThroughTheResolvedYaml() {
        ExperimentConfig c = ExperimentConfigs.parse("""
                name: t
                seeds: [1, 2]
                regimes:
                  - type: mix
                  - type: verify
                    base: accumulate
                """, "t.yaml");
        assertEquals(List.of(1L, 2L), c.seeds());
        assertEquals(5, c.generations());
        assertEquals("mix-0.1", c.regimes().get(0).label());
        assertEquals(0.1, c.regimes().get(0).realFraction());
        assertEquals("verify-accumulate", c.regimes().get(1).label());
        assertEquals(0.9, c.regimes().get(1).perplexityQuantile());
        assertEquals(64, c.training().blockSize());
        assertEquals(2e-5, c.training().lr());
        assertEquals("beam", c.generation().strategy());
        assertEquals(64, c.generation().minNewTokens());
        ExperimentConfig again = ExperimentConfigs.parse(ExperimentConfigs.toYaml(c), "resolved");
        assertEquals(c, again);
        assertEquals(ExperimentConfigs.hash(c), ExperimentConfigs.hash(again));
        assertNotEquals(ExperimentConfigs.hash(c), ExperimentConfigs.hash(ExperimentConfigs.parse("seeds: [1]", "x")));
    }

    @Test
    void unknownKeysAreErrorsNamingTheKey() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ExperimentConfigs.parse("training:\n  epochz: 3\n", "c.yaml"));
        assertTrue(e.getMessage().contains("'training.epochz'"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("epochs"), "lists the known keys: " + e.getMessage());
    }

    @Test
    void badValuesAreErrorsNamingTheKey() {
        assertMessage("training:\n  epochs: 0\n", "training.epochs");
        assertMessage("training:\n  epochs: many\n", "training.epochs");
        assertMessage("model:\n  init: sideways\n", "model.init");
        assertMessage("model:\n  init: base\n", "model.base");
        assertMessage("regimes:\n  - type: shuffle\n", "regimes[].type");
        assertMessage("regimes:\n  - type: mix\n    real_fraction: 1.5\n", "real_fraction");
        assertMessage("regimes:\n  - type: replace\n  - type: replace\n", "used twice");
        assertMessage("generation:\n  strategy: nucleus\n", "generation.strategy");
        assertMessage("generation:\n  no_repeat_ngram_size: -1\n", "generation.no_repeat_ngram_size");
        assertMessage("seeds: []\n", "seeds");
        assertMessage("name: 'unterminated\n", "not valid YAML");
        assertMessage("training: [1, 2]\n", "training must be a mapping of");
    }

    @Test
    void loadsAFileAndReportsAMissingOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "generations: 2\n");
        assertEquals(2, ExperimentConfigs.load(f).generations());
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentConfigs.load(dir.resolve("no.yaml")));
        assertTrue(e.getMessage().contains("not found"));
        Files.writeString(f, "");
        assertEquals(5, ExperimentConfigs.load(f).generations(), "an empty file means all defaults");
    }

    @Test
    void yamlSyntaxErrorsSayWhereAndWhatTheParserExpected() {
        assertExact("seeds: [0\n", "c.yaml: not valid YAML at line 2, column 1: expected ',' or ']', but got <stream end>"
                + " (in the flow sequence at line 1, column 8)");
        assertExact("name: 'unterminated\n", "c.yaml: not valid YAML at line 2, column 1: found unexpected end of stream"
                + " (in the quoted scalar at line 1, column 7)");
    }

    @Test
    void valuesOfTheWrongShapeAreNamedInTheConfigsTerms() {
        assertExact("generation: 1\n", "c.yaml: generation must be a mapping of "
                + String.join(", ", componentsInSnakeCase(GenerationConfig.class)) + ", got 1 (line 1)");
        assertTrue(componentsInSnakeCase(GenerationConfig.class).containsAll(List.of("new_tokens", "top_p")));
        assertExact("seeds: x\n", "c.yaml: seeds must be a list of integers, got 'x' (line 1)");
        assertExact("seeds: [1, x]\n", "c.yaml: seeds[1] must be an integer, got 'x' (line 1)");
        assertExact("name: n\ngenerations: many\n", "c.yaml: generations must be an integer, got 'many' (line 2)");
        assertExact("training:\n  epochs: 1.5\n", "c.yaml: training.epochs must be an integer, got 1.5 (line 2)");
        assertExact("training:\n  lr: fast\n", "c.yaml: training.lr must be a number, got 'fast' (line 2)");
        assertExact("regimes: {type: mix}\n", "c.yaml: regimes must be a list of mappings of "
                + String.join(", ", componentsInSnakeCase(RegimeConfig.class)) + ", got a mapping (line 1)");
    }

    private static List<String> componentsInSnakeCase(Class<?> record) {
        return java.util.Arrays.stream(record.getRecordComponents())
                .map(c -> c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT)).toList();
    }

    private static void assertExact(String yaml, String message) {
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentConfigs.parse(yaml, "c.yaml"));
        assertEquals(message, e.getMessage());
    }

    private static void assertMessage(String yaml, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentConfigs.parse(yaml, "c.yaml"));
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("c.yaml"), e.getMessage());
    }
}
