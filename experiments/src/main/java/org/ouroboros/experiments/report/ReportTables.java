package org.ouroboros.experiments.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** The tables of a run report: per regime x generation numbers across seeds, and the failed rows. */
final class ReportTables {
    /** Columns of the numbers table, when the run has them. */
    static final List<String> MAIN = List.of("test_perplexity", "valid_perplexity", "self_bleu", "output_entropy",
            "unigram_entropy", "distinct_1", "distinct_2", "rare_recall", "unigram_kl");

    private ReportTables() {
    }

    /** Column headings in words (short, so the table fits the page). */
    static final Map<String, String> HEADINGS = Map.ofEntries(Map.entry("test_perplexity", "test ppl"),
            Map.entry("valid_perplexity", "valid ppl"), Map.entry("self_bleu", "self-BLEU-4"),
            Map.entry("output_entropy", "entropy, own samples"), Map.entry("unigram_entropy", "word entropy"),
            Map.entry("distinct_1", "distinct-1"), Map.entry("distinct_2", "distinct-2"),
            Map.entry("rare_recall", "rare-token recall"), Map.entry("unigram_kl", "unigram KL"));

    /** Header of {@link #numbers}. */
    static List<String> numbersHeader(MetricsTable table) {
        List<String> header = new ArrayList<>(List.of("regime", "gen", "seeds"));
        MAIN.stream().filter(table::has).map(c -> HEADINGS.getOrDefault(c, c)).forEach(header::add);
        return header;
    }

    /** One row per regime x generation: "mean ± sd" across ok seeds for each main column. */
    static List<List<String>> numbers(MetricsTable table) {
        List<String> columns = MAIN.stream().filter(table::has).toList();
        List<Map<String, List<SeedStats>>> stats = columns.stream().map(table::stats).toList();
        List<List<String>> rows = new ArrayList<>();
        for (String regime : table.regimes()) {
            TreeSet<Integer> generations = new TreeSet<>();
            table.rows().stream().filter(r -> r.regime().equals(regime)).forEach(r -> generations.add(r.generation()));
            for (int g : generations) {
                long ok = table.rows().stream()
                        .filter(r -> r.ok() && r.regime().equals(regime) && r.generation() == g).count();
                List<String> row = new ArrayList<>(List.of(regime, Integer.toString(g), Long.toString(ok)));
                for (Map<String, List<SeedStats>> byRegime : stats) {
                    row.add(byRegime.getOrDefault(regime, List.of()).stream().filter(s -> s.generation() == g)
                            .findFirst().map(ReportTables::cell).orElse(""));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Failed rows: regime, seed, generation, reason. */
    static List<List<String>> failed(MetricsTable table) {
        return table.failed().stream().map(r -> List.of(r.regime(), Long.toString(r.seed()),
                Integer.toString(r.generation()), r.status())).toList();
    }

    /** "mean ± sd": the mean to four significant digits, the sd to two; just the mean for one seed. */
    static String cell(SeedStats s) {
        return Double.isNaN(s.sd()) ? format(s.mean())
                : format(s.mean()) + " ± " + String.format(Locale.ROOT, "%.2g", s.sd());
    }

    /** A number with four significant digits. */
    static String format(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
