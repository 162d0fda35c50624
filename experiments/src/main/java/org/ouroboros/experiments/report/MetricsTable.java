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
 * A run's {@code metrics.csv}: one row per regime x seed x generation. Only the identity columns, status
 * and test perplexity are required; every other metric column is optional (its plot is skipped when
 * absent) and unknown columns are ignored.
 *
 * @param file    where it was read from
 * @param columns the metric columns the file has, in {@link #METRICS} order
 * @param rows    all rows, in file order
 */
public record MetricsTable(Path file, List<String> columns, List<MetricsRow> rows) {
    /** Columns every metrics.csv must have. */
    public static final List<String> REQUIRED = List.of("regime", "seed", "generation", "test_perplexity", "status");
    /** The numeric columns of the contract. */
    public static final List<String> METRICS = List.of("train_sequences", "real_fraction", "test_perplexity",
            "valid_perplexity", "self_bleu", "self_bleu_2", "self_bleu_3", "self_bleu_5", "output_entropy",
            "real_output_entropy", "unigram_entropy", "distinct_1", "distinct_2", "rare_recall", "unigram_kl");

    /** Columns that are not numeric metrics. */
    static final List<String> TEXT_COLUMNS = List.of("regime", "seed", "generation", "status", "best_epoch");

    public MetricsTable {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Reads {@code file}. */
    public static MetricsTable read(Path file) {
        List<MetricsRow> rows = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        try (CsvTable csv = CsvTable.open(file, REQUIRED)) {
            for (String column : METRICS) {
                if (csv.has(column)) {
                    present.add(column);
                }
            }
            for (String column : csv.columns()) {                  // the extra columns after the fixed ones
                if (!present.contains(column) && !TEXT_COLUMNS.contains(column)) {
                    extra.add(column);
                }
            }
            csv.forEach(record -> {
                Map<String, Double> values = new HashMap<>();
                for (String column : present) {
                    double v = csv.number(record, column);
                    if (!Double.isNaN(v)) {
                        values.put(column, v);
                    }
                }
                for (String column : extra) {                      // numeric where they parse, else left out
                    double v = lenient(csv.text(record, column));
                    if (!Double.isNaN(v)) {
                        values.put(column, v);
                    }
                }
                rows.add(new MetricsRow(csv.text(record, "regime"), csv.integer(record, "seed"),
                        (int) csv.integer(record, "generation"), csv.text(record, "status"), values));
            });
        }
        List<String> all = new ArrayList<>(present);
        extra.stream().filter(c -> rows.stream().anyMatch(r -> r.values().containsKey(c))).forEach(all::add);
        return new MetricsTable(file, all, rows);
    }

    private static double lenient(String cell) {
        try {
            return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Whether the file has {@code column}. */
    public boolean has(String column) {
        return columns.contains(column);
    }

    /** Regime names in order of first appearance. */
    public List<String> regimes() {
        LinkedHashSet<String> regimes = new LinkedHashSet<>();
        rows.forEach(r -> regimes.add(r.regime()));
        return List.copyOf(regimes);
    }

    /** Rows whose status is not "ok". */
    public List<MetricsRow> failed() {
        return rows.stream().filter(r -> !r.ok()).toList();
    }

    /** Number of distinct seeds among ok rows of {@code regime}. */
    public long seeds(String regime) {
        return rows.stream().filter(r -> r.ok() && r.regime().equals(regime))
                .mapToLong(MetricsRow::seed).distinct().count();
    }

    /**
     * Per regime (in {@link #regimes()} order), {@code column} summarised across seeds at each generation
     * that has a finite value in an ok row; generations ascending.
     */
    public Map<String, List<SeedStats>> stats(String column) {
        Map<String, TreeMap<Integer, List<Double>>> byRegime = new LinkedHashMap<>();
        for (String regime : regimes()) {
            byRegime.put(regime, new TreeMap<>());
        }
        for (MetricsRow row : rows) {
            double v = row.value(column);
            if (row.ok() && Double.isFinite(v)) {
                byRegime.get(row.regime()).computeIfAbsent(row.generation(), g -> new ArrayList<>()).add(v);
            }
        }
        Map<String, List<SeedStats>> stats = new LinkedHashMap<>();
        byRegime.forEach((regime, generations) -> {
            List<SeedStats> points = new ArrayList<>();
            generations.forEach((g, values) ->
                    points.add(SeedStats.of(g, values.stream().mapToDouble(Double::doubleValue).toArray())));
            if (!points.isEmpty()) {
                stats.put(regime, points);
            }
        });
        return stats;
    }
}
