package org.ouroboros.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ouroboros.cli.BadInputException;

/** The {@code engine:} key: validated, kept out of the resolved YAML (and so the hash) when absent. */
class EngineKeyTest {
    @Test
    void anEngineIsReadAndABadOneNamesTheKey() {
        assertEquals("pytorch", ExperimentConfigs.parse("engine: PyTorch\n", "c.yaml").engine());
        BadInputException e = assertThrows(BadInputException.class,
                () -> ExperimentConfigs.parse("engine: tensorflow\n", "c.yaml"));
        assertTrue(e.getMessage().contains("engine") && e.getMessage().contains("tensorflow"), e.getMessage());
    }

    @Test
    void leavingItOutKeepsTheResolvedYamlAndHashOfEarlierConfigs() {
        ExperimentConfig plain = ExperimentConfigs.parse("seeds: [1]\n", "c.yaml");
        assertNull(plain.engine());
        assertFalse(ExperimentConfigs.toYaml(plain).contains("engine"), ExperimentConfigs.toYaml(plain));
        ExperimentConfig withEngine = ExperimentConfigs.parse("seeds: [1]\nengine: nd4j\n", "c.yaml");
        assertTrue(ExperimentConfigs.toYaml(withEngine).contains("engine: \"nd4j\"")
                || ExperimentConfigs.toYaml(withEngine).contains("engine: nd4j"), ExperimentConfigs.toYaml(withEngine));
        assertEquals(withEngine, ExperimentConfigs.parse(ExperimentConfigs.toYaml(withEngine), "resolved"));
    }
}
