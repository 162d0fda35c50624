package org.ouroboros.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's {@code category_perplexity.csv}: test perplexity per category (Brown genre) for each regime x
 * seed x generation. An optional {@code test_tokens} or {@code test_sequences} column gives each
 * category's size, which decides which genres count as minority.
 *
 * @param rows  all rows
 * @param sizes category size from the file's size column, empty when it has none
 */
public record CategoryTable(List<Row> rows, Map<String, Double> sizes) {
    /** Columns the file must have. */
    public static final List<String> REQUIRED = List.of("regime", "seed", "generation", "category", "test_perplexity");
    private static final List<String> SIZE_COLUMNS = List.of("test_tokens", "test_sequences");

    /** One category's test perplexity for one regime x seed x generation. */
    public record Row(String regime, long seed, int generation, String category, double testPerplexity) {
    }

    public CategoryTable {
        rows = List.copyOf(rows);
        sizes = Map.copyOf(sizes);
    }

    /** Reads {@code file}. */
    public static CategoryTable read(Path file) {
        List<Row> rows = new ArrayList<>();
        Map<String, Double> sizes = new HashMap<>();
        try (CsvTable csv = CsvTable.open(file, REQUIRED)) {
            String sizeColumn = SIZE_COLUMNS.stream().filter(csv::has).findFirst().orElse(null);
            csv.forEach(record -> {
                String category = csv.text(record, "category");
                rows.add(new Row(csv.text(record, "regime"), csv.integer(record, "seed"),
                        (int) csv.integer(record, "generation"), category, csv.number(record, "test_perplexity")));
                if (sizeColumn != null && Double.isFinite(csv.number(record, sizeColumn))) {
                    sizes.put(category, csv.number(record, sizeColumn));
                }
            });
        }
        return new CategoryTable(rows, sizes);
    }

    /** Categories in order of first appearance. */
    public List<String> categories() {
        LinkedHashSet<String> categories = new LinkedHashSet<>();
        rows.forEach(r -> categories.add(r.category()));
        return List.copyOf(categories);
    }

    /**
     * Per regime and category, the mean over seeds of test_perplexity(generation) / test_perplexity(0),
     * by generation. Seeds without a finite generation-0 value are left out.
     */
    public Map<String, Map<String, TreeMap<Integer, Double>>> growth() {
        Map<String, Double> base = new HashMap<>();
        for (Row r : rows) {
            if (r.generation() == 0 && Double.isFinite(r.testPerplexity()) && r.testPerplexity() > 0) {
                base.put(key(r), r.testPerplexity());
            }
        }
        Map<String, Map<String, TreeMap<Integer, double[]>>> sums = new LinkedHashMap<>();
        for (Row r : rows) {
            Double zero = base.get(key(r));
            if (zero == null || !Double.isFinite(r.testPerplexity())) {
                continue;
            }
            double[] sum = sums.computeIfAbsent(r.regime(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.category(), k -> new TreeMap<>())
                    .computeIfAbsent(r.generation(), k -> new double[2]);
            sum[0] += r.testPerplexity() / zero;
            sum[1]++;
        }
        Map<String, Map<String, TreeMap<Integer, Double>>> growth = new LinkedHashMap<>();
        sums.forEach((regime, categories) -> categories.forEach((category, generations) -> {
            TreeMap<Integer, Double> means = new TreeMap<>();
            generations.forEach((g, s) -> means.put(g, s[0] / s[1]));
            growth.computeIfAbsent(regime, k -> new LinkedHashMap<>()).put(category, means);
        }));
        return growth;
    }

    private static String key(Row r) {
        return r.regime() + '\u0000' + r.seed() + '\u0000' + r.category();
    }
}
