package org.ouroboros.experiments.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        p.put("self_bleu", "self-BLEU-4");
        p.put("output_entropy", "nats");
        p.put("real_output_entropy", "nats");
        p.put("unigram_entropy", "nats");
        p.put("distinct_1", "unique / total unigrams");
        p.put("distinct_2", "unique / total bigrams");
        p.put("rare_recall", "fraction of rare real tokens seen");
        p.put("unigram_kl", "nats");
        return p;
    }

    /** Panel titles in words. */
    static final Map<String, String> TITLES = Map.of(
            "self_bleu", "Self-BLEU of the samples (higher = more repetitive)",
            "output_entropy", "Predictive entropy on the model's own samples",
            "real_output_entropy", "Predictive entropy on real test text",
            "unigram_entropy", "Word-level entropy of the samples",
            "distinct_1", "Distinct unigrams in the samples",
            "distinct_2", "Distinct bigrams in the samples",
            "rare_recall", "Rare real tokens (train freq <= k) the samples use",
            "unigram_kl", "KL(real unigrams || sample unigrams)");

    /** Test perplexity against generation, per regime. */
    static XYChart testPerplexity(MetricsTable table, PaperReferences refs) {
        List<Line> lines = lines(table, "test_perplexity");
        if (refs.known() && !lines.isEmpty()) {
            double lo = lines.stream().mapToDouble(l -> l.x()[0]).min().orElse(0);
            double hi = lines.stream().mapToDouble(l -> l.x()[l.x().length - 1]).max().orElse(1);
            double[] x = {lo, Math.max(hi, lo + 1)};
            Color grey = new Color(0x666666);
            lines.add(Line.of(String.format(Locale.ROOT, "base, zero-shot (%.1f)", refs.zeroShot()), x,
                    new double[] {refs.zeroShot(), refs.zeroShot()}, grey).asDashed());
            if (Double.isFinite(refs.baseOwn())) {
                lines.add(Line.of(String.format(Locale.ROOT, "base on its own corpus (%.1f)", refs.baseOwn()), x,
                        new double[] {refs.baseOwn(), refs.baseOwn()}, new Color(0xaaaaaa)).asDashed().withWidth(1.5f));
            }
            double tuned = table.stats("test_perplexity").values().iterator().next().get(0).mean();
            lines.add(Line.of(String.format(Locale.ROOT, "fine-tuned on real data, gen 0 (%.1f)", tuned), x,
                    new double[] {tuned, tuned}, Color.BLACK).asDashed().withWidth(1f));
        }
        return Charts.lines("Test perplexity on real text (line: mean over seeds; band: min-max)", "generation",
                "test perplexity", lines);
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
            panels.add(Charts.noLegend(Charts.lines(TITLES.getOrDefault(column, column), "generation", label, lines,
                    Charts.PANEL_WIDTH, Charts.PANEL_HEIGHT)));
        });
        return panels;
    }

    /** The legend the collapse panels share: one entry per regime. */
    static List<Charts.LegendEntry> legend(MetricsTable table) {
        return table.regimes().stream().map(r -> new Charts.LegendEntry(r + " (" + table.seeds(r) + " seeds)",
                colour(table, r), false)).toList();
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
