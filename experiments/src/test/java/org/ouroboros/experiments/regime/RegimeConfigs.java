package org.ouroboros.experiments.regime;

import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.experiments.config.RegimeConfig;

/** Parses one regime entry through the real config loader. */
final class RegimeConfigs {
    private RegimeConfigs() {
    }

    static RegimeConfig parse(String entryYaml) {
        String indented = "  - " + entryYaml.replace("\n", "\n    ");
        return ExperimentConfigs.parse("regimes:\n" + indented + "\n", "test").regimes().get(0);
    }
}
