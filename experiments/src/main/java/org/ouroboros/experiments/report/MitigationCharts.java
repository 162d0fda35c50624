package org.ouroboros.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The report's mitigation sections: the newer collapse metrics (tail mass, compression, Zipf, self-perplexity,
 * MAUVE, drift from the base), the detector's scores and the synthetic share before and after filtering,
 * and each generation's training composition by origin as stacked bars. Sections without data are left out.
 */
final class MitigationCharts {
    static final String METRICS_PNG = "mitigation_metrics.png";
    static final String DETECTOR_PNG = "detector.png";
    static final String COMPOSITION_PNG = "training_composition.png";
    private static final String SHARE_PREFIX = "synthetic_share_gen_";

    private MitigationCharts() {
    }

    private static Map<String, String> metricPanels() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tail_mass_50", "share of sample tokens with train count <= 50");
        p.put("real_tail_mass_50", "the same for real test text");
        p.put("compression_ratio", "gzip bytes / raw bytes of samples");
        p.put("zipf_alpha", "Zipf exponent of samples");
        p.put("self_perplexity", "samples under their own model");
        p.put("synthetic_gen0_perplexity", "samples under generation 0");
        p.put("mauve", "MAUVE(samples, real test), mean of 3 k-means seeds");
        p.put("kl_to_base", "mean token KL(base || model) on real test, nats");
        return p;
    }

    private static Map<String, String> detectorPanels() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("detector_auc", "ROC AUC on held-out labeled blocks");
        p.put("detector_precision", "precision (synthetic = positive)");
        p.put("detector_recall", "recall");
        p.put("pool_synthetic_share", "synthetic share of the pool");
        p.put("kept_synthetic_share", "synthetic share after filtering");
        return p;
    }

    /** Adds the sections that have data; {@code save} writes a grid of panels and returns its file name. */
    static void write(MetricsTable table, ReportPage page,
                      BiFunction<String, List<? extends Chart<?, ?>>, String> save) {
        List<XYChart> metrics = panels(table, metricPanels());
        if (!metrics.isEmpty()) {
            page.figure("Tail, compression, Zipf, self-perplexity, MAUVE and drift", save.apply(METRICS_PNG, metrics),
                    "Per generation; line = mean over seeds, band = min-max. Tail mass: share of the samples' tokens "
                    + "whose real-train count is <= 50 (real test text's share alongside). MAUVE: real test blocks "
                    + "against the samples, embedded by the generation-0 model.");
        }
        List<XYChart> detector = panels(table, detectorPanels());
        if (!detector.isEmpty()) {
            page.figure("Decontamination: the detector and the synthetic share", save.apply(DETECTOR_PNG, detector),
                    "Per generation of the detect regimes: the detector's precision, recall and ROC AUC on a "
                    + "held-out labeled sample of the pool, and the synthetic share of the pool before and after "
                    + "filtering; compare test perplexity with replace and mix above.");
        }
        List<CategoryChart> bars = composition(table);
        if (!bars.isEmpty()) {
            page.figure("Training data by origin", save.apply(COMPOSITION_PNG, bars),
                    "Share of each generation's training blocks (weighted) that is real or was written by the model "
                    + "of generation k, mean over seeds; from training_set.csv via metrics.csv.");
        }
    }

    static List<XYChart> panels(MetricsTable table, Map<String, String> which) {
        List<XYChart> out = new ArrayList<>();
        which.forEach((column, label) -> {
            if (table.has(column)) {
                List<Line> lines = MetricCharts.lines(table, column);
                if (!lines.isEmpty()) {
                    out.add(Charts.lines(column, "generation", label, lines, Charts.PANEL_WIDTH, Charts.PANEL_HEIGHT));
                }
            }
        });
        return out;
    }

    /** One stacked-bar chart per regime: x = generation, stacks = real and each generation of origin. */
    static List<CategoryChart> composition(MetricsTable table) {
        List<String> origins = table.columns().stream().filter(c -> c.startsWith(SHARE_PREFIX)).toList();
        if (origins.isEmpty() || !table.has("synthetic_share")) {
            return List.of();
        }
        List<CategoryChart> charts = new ArrayList<>();
        Map<String, List<SeedStats>> synthetic = table.stats("synthetic_share");
        for (String regime : table.regimes()) {
            List<SeedStats> total = synthetic.get(regime);
            if (total == null || total.isEmpty()) {
                continue;
            }
            CategoryChart c = new CategoryChartBuilder().width(Charts.PANEL_WIDTH).height(Charts.PANEL_HEIGHT)
                    .title(regime).xAxisTitle("generation").yAxisTitle("share of training blocks").build();
            c.getStyler().setStacked(true);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            List<Integer> gens = total.stream().map(s -> (int) s.generation()).toList();
            c.addSeries("real", gens, total.stream().map(s -> 1 - s.mean()).toList())
                    .setFillColor(new java.awt.Color(0x7f7f7f));
            for (int k = 0; k < origins.size(); k++) {
                List<SeedStats> share = table.stats(origins.get(k)).get(regime);
                if (share == null || share.stream().allMatch(s -> s.mean() == 0)) {
                    continue;
                }
                Map<Integer, Double> byGen = new LinkedHashMap<>();
                share.forEach(s -> byGen.put((int) s.generation(), s.mean()));
                c.addSeries("gen " + origins.get(k).substring(SHARE_PREFIX.length()), gens,
                        gens.stream().map(g -> byGen.getOrDefault(g, 0.0)).toList())
                        .setFillColor(Charts.category(k));
            }
            charts.add(c);
        }
        return charts;
    }
}
