package org.ouroboros.experiments.config;

import static org.ouroboros.experiments.config.ConfigErrors.orDefault;
import static org.ouroboros.experiments.config.ConfigErrors.require;

import java.util.List;
import java.util.Locale;

/**
 * The detector of the {@code detect} regime ({@code regimes[].detect}).
 *
 * @param samples    labeled blocks the detector trains on each generation; as many again, disjoint, are
 *                   held out to measure it (precision, recall, ROC AUC)
 * @param threshold  a block whose predicted probability of being synthetic exceeds this is flagged
 * @param action     {@code drop}: flagged blocks leave the training set; {@code downweight}: every block
 *                   stays with loss weight 1 - p(synthetic)
 */
public record DetectConfig(Integer samples, Double threshold, String action) {
    /** What happens to flagged blocks. */
    public static final List<String> ACTIONS = List.of("drop", "downweight");

    public DetectConfig {
        samples = orDefault(samples, 200);
        threshold = orDefault(threshold, 0.5);
        action = orDefault(action, "drop").toLowerCase(Locale.ROOT);
        require(samples >= 2, "regimes[].detect.samples", "must be >= 2, got " + samples);
        require(threshold >= 0 && threshold <= 1, "regimes[].detect.threshold", "must lie in [0, 1], got " + threshold);
        require(ACTIONS.contains(action), "regimes[].detect.action", "must be one of " + ACTIONS + ", got '"
                + action + "'");
    }

    static DetectConfig defaults() {
        return new DetectConfig(null, null, null);
    }
}
