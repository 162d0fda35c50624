package org.ouroboros.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The per-sequence perplexities of a run's {@code sequence_perplexity.csv} (each generation's synthetic
 * training sequences scored by the generation-0 model; generation 0 = the real training sequences),
 * pooled over seeds. Only the regimes asked for are kept, so a file of millions of rows costs memory only
 * for what is plotted.
 *
 * @param byRegime per regime, per generation, the finite positive perplexities
 * @param dropped  rows whose perplexity was empty, non-finite or not positive
 */
public record SequencePerplexities(Map<String, TreeMap<Integer, double[]>> byRegime, long dropped) {
    /** Columns the file must have. */
    public static final List<String> REQUIRED = List.of("regime", "seed", "generation", "sequence", "perplexity");

    /** Reads the rows of {@code regimes} from {@code file}. */
    public static SequencePerplexities read(Path file, Set<String> regimes) {
        Map<String, TreeMap<Integer, Growable>> values = new LinkedHashMap<>();
        long[] dropped = {0};
        try (CsvTable csv = CsvTable.open(file, REQUIRED)) {
            csv.forEach(record -> {
                String regime = csv.text(record, "regime");
                if (!regimes.contains(regime)) {
                    return;
                }
                double perplexity = csv.number(record, "perplexity");
                if (!(Double.isFinite(perplexity) && perplexity > 0)) {
                    dropped[0]++;
                    return;
                }
                int generation = (int) csv.integer(record, "generation");
                values.computeIfAbsent(regime, r -> new TreeMap<>())
                        .computeIfAbsent(generation, g -> new Growable()).add(perplexity);
            });
        }
        Map<String, TreeMap<Integer, double[]>> byRegime = new LinkedHashMap<>();
        values.forEach((regime, generations) -> {
            TreeMap<Integer, double[]> arrays = new TreeMap<>();
            generations.forEach((g, v) -> arrays.put(g, v.toArray()));
            byRegime.put(regime, arrays);
        });
        return new SequencePerplexities(byRegime, dropped[0]);
    }

    /** Every kept value, for shared histogram bins. */
    public List<double[]> all() {
        List<double[]> all = new ArrayList<>();
        byRegime.values().forEach(generations -> all.addAll(generations.values()));
        return all;
    }

    private static final class Growable {
        private double[] data = new double[1024];
        private int size;

        void add(double v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
