package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;

/** run.json records the engine a run was started, and then resumed, on. */
class RunLayoutEngineTest {
    @Test
    void runJsonNamesTheEngineAndKeepsItsCreationTimeOnResume(@TempDir Path tmp) throws Exception {
        ExperimentConfig config = ExperimentConfigs.parse("seeds: [1]\n", "c.yaml");
        Path dir = tmp.resolve("run");
        RunLayout.open(dir, config, false, Map.of("engine", "nd4j", "device", "cpu"));
        JsonNode first = Json.MAPPER.readTree(dir.resolve(RunLayout.RUN_FILE).toFile());
        assertEquals("nd4j", first.path("engine").asText());
        assertEquals(ExperimentConfigs.hash(config), first.path("config_sha256").asText());
        RunLayout.open(dir, config, false, Map.of("engine", "pytorch", "device", "cpu"));
        JsonNode resumed = Json.MAPPER.readTree(dir.resolve(RunLayout.RUN_FILE).toFile());
        assertEquals("pytorch", resumed.path("engine").asText());
        assertEquals(first.path("created").asText(), resumed.path("created").asText());
    }
}
