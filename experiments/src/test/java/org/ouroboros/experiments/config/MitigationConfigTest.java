package org.ouroboros.experiments.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ouroboros.cli.BadInputException;

class MitigationConfigTest {
    @Test
    void theShippedMitigationsConfigHasEveryRegimeOfTheComparison() {
        ExperimentConfig c = ExperimentConfigs.load(Path.of("configs/brown-mitigations.yaml"));
        assertEquals(List.of("replace", "mix-0.1", "detect-0.1", "verify-replace", "replace-l2", "replace-kl"),
                c.regimes().stream().map(RegimeConfig::label).toList());
        assertEquals(3, c.seeds().size());
        RegimeConfig detect = c.regimes().get(2);
        assertEquals(0.1, detect.realFraction());
        assertEquals("drop", detect.detect().action());
        assertNull(c.training().anchor());
        assertEquals("l2", c.regimes().get(4).trainingOver(c.training()).anchor().type());
        assertEquals(1.0, c.regimes().get(5).trainingOver(c.training()).anchor().weight());
    }

    @Test
    void badAnchorsAndDetectorsAreOneLineNamingTheKey() {
        assertMessage("training: {anchor: {type: l1, weight: 1}}\n", "training.anchor.type");
        assertMessage("training: {anchor: {type: kl, weight: -1}}\n", "training.anchor.weight");
        assertMessage("regimes: [{type: detect, detect: {action: burn}}]\n", "regimes[].detect.action");
        assertMessage("regimes: [{type: replace, detect: {samples: 10}}]\n", "regimes[].detect");
        assertMessage("regimes: [{type: verify, base: detect}]\n", "regimes[].base");
    }

    private static void assertMessage(String yaml, String key) {
        BadInputException e = assertThrows(BadInputException.class, () -> ExperimentConfigs.parse(yaml, "c.yaml"));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
