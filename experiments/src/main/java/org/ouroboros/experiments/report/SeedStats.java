package org.ouroboros.experiments.report;

/**
 * A metric at one generation of one regime, summarised across seeds.
 *
 * @param generation generation
 * @param seeds      number of seeds with a value
 * @param mean       mean over seeds
 * @param sd         sample standard deviation over seeds (NaN for one seed)
 * @param min        smallest value
 * @param max        largest value
 */
public record SeedStats(int generation, int seeds, double mean, double sd, double min, double max) {
    /** Summary of {@code values} (all finite, at least one). */
    static SeedStats of(int generation, double[] values) {
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : Double.NaN;
        return new SeedStats(generation, values.length, mean, sd, min, max);
    }
}
