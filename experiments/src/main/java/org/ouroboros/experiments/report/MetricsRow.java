package org.ouroboros.experiments.report;

import java.util.Map;

/**
 * One row of a run's {@code metrics.csv}: one regime x seed x generation.
 *
 * @param regime     regime name, e.g. replace
 * @param seed       run seed
 * @param generation generation, 0 = trained on real data
 * @param status     "ok" or "failed: reason"
 * @param values     the numeric columns present and non-empty in this row (NaN cells left out)
 */
public record MetricsRow(String regime, long seed, int generation, String status, Map<String, Double> values) {
    public MetricsRow {
        values = Map.copyOf(values);
    }

    /** Whether the generation completed. */
    public boolean ok() {
        return status.trim().equalsIgnoreCase("ok");
    }

    /** The value of {@code column}, NaN when absent. */
    public double value(String column) {
        return values.getOrDefault(column, Double.NaN);
    }
}
