package org.ouroboros.experiments.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * Charts of the per-generation metrics of a run: one line per regime (mean over seeds) with a band from
 * the smallest to the largest seed. Regime colours follow the order of {@link MetricsTable#regimes()}, so
 * a regime has the same colour in every chart.
 */
final class MetricCharts {
    /** Panels of the collapse-metrics grid, with their axis labels. */
    static final Map<String, String> PANELS = panels();

    private MetricCharts() {
    }

    private static Map<String, String> panels() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("self_bleu", "self-BLEU-4 (higher = more repetitive)");
        p.put("output_entropy", "output entropy on own samples (nats)");
        p.put("real_output_entropy", "output entropy on real test text (nats)");
        p.put("unigram_entropy", "unigram entropy of samples (nats)");
        p.put("distinct_1", "distinct-1 (unique / total unigrams)");
        p.put("distinct_2", "distinct-2 (unique / total bigrams)");
        p.put("rare_recall", "rare-token recall (train freq <= k)");
        p.put("unigram_kl", "KL(real || synthetic unigrams), nats");
        return p;
    }

    /** Test perplexity against generation, per regime. */
    static XYChart testPerplexity(MetricsTable table) {
        return Charts.lines("Test perplexity on real text (line: mean over seeds; band: min-max)", "generation",
                "test perplexity", lines(table, "test_perplexity"));
    }

    /** One small panel per available column of {@link #PANELS}; absent columns are added to {@code missing}. */
    static List<XYChart> collapsePanels(MetricsTable table, List<String> missing) {
        List<XYChart> panels = new ArrayList<>();
        PANELS.forEach((column, label) -> {
            List<Line> lines = table.has(column) ? lines(table, column) : List.of();
            if (lines.isEmpty()) {
                missing.add(column);
                return;
            }
            panels.add(Charts.lines(column, "generation", label, lines, Charts.PANEL_WIDTH, Charts.PANEL_HEIGHT));
        });
        return panels;
    }

    /** The colour of {@code regime} in every run chart. */
    static Color colour(MetricsTable table, String regime) {
        return Charts.category(table.regimes().indexOf(regime));
    }

    static List<Line> lines(MetricsTable table, String column) {
        List<Line> lines = new ArrayList<>();
        table.stats(column).forEach((regime, points) -> {
            double[] x = points.stream().mapToDouble(SeedStats::generation).toArray();
            double[] mean = points.stream().mapToDouble(SeedStats::mean).toArray();
            double[] min = points.stream().mapToDouble(SeedStats::min).toArray();
            double[] max = points.stream().mapToDouble(SeedStats::max).toArray();
            String name = regime + " (" + table.seeds(regime) + " seeds)";
            lines.add(Line.of(name, x, mean, colour(table, regime)).withBand(min, max));
        });
        return lines;
    }
}
