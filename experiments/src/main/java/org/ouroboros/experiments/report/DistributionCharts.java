package org.ouroboros.experiments.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;

/**
 * Shumailov et al.'s Fig. 1 (left): histograms of the perplexity that the generation-0 model assigns to
 * each generation's training sequences, overlaid per generation (dark = early, yellow = late) on bins
 * shared by every generation and regime. Collapse shows as mass moving to low perplexity and a long
 * high-perplexity tail.
 */
final class DistributionCharts {
    static final int BINS = 40;
    /** Most generations overlaid in one panel; more are thinned to evenly spaced ones. */
    static final int MAX_CURVES = 10;
    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    private DistributionCharts() {
    }

    /** One panel per regime in {@code regimes} that has data, all on the same bins. */
    static List<XYChart> panels(SequencePerplexities data, List<String> regimes) {
        Bins bins = Bins.covering(data.all(), BINS);
        List<XYChart> panels = new ArrayList<>();
        double top = 0;
        for (String regime : regimes) {
            TreeMap<Integer, double[]> generations = data.byRegime().get(regime);
            if (generations != null && !generations.isEmpty()) {
                panels.add(panel(regime, generations, bins));
                for (double[] values : generations.values()) {
                    top = Math.max(top, Arrays.stream(bins.density(values)).max().orElse(0));
                }
            }
        }
        for (XYChart panel : panels) {
            panel.getStyler().setYAxisMin(0.0).setYAxisMax(top * 1.05); // same scale in every panel
        }
        return panels;
    }

    private static XYChart panel(String regime, TreeMap<Integer, double[]> generations, Bins bins) {
        List<Integer> all = new ArrayList<>(generations.keySet());
        List<Integer> shown = new ArrayList<>();
        for (int i : ShownGenerations.of(all.size() - 1, MAX_CURVES)) {
            shown.add(all.get(i));
        }
        int last = all.get(all.size() - 1);
        List<Line> lines = new ArrayList<>();
        double[] x = bins.centres();
        for (int g : shown) {
            double[] values = generations.get(g);
            String name = String.format(Locale.ROOT, "gen %d%s (n=%d)", g, g == 0 ? " real" : "", values.length);
            Color shade = Charts.sequential(last == 0 ? 0 : (double) g / last);
            lines.add(Line.of(name, x, bins.density(values), shade));
        }
        String yTitle = bins.log() ? "density per log10(perplexity)" : "density per unit perplexity";
        XYChart chart = Charts.lines(regime + ": perplexity of training sequences under the gen-0 model",
                "perplexity (gen-0 model)" + (bins.log() ? ", log scale" : ""), yTitle, lines, WIDTH, HEIGHT);
        chart.getStyler().setXAxisLogarithmic(bins.log());
        return chart;
    }

    /** Regimes to show: replace and the best-preserving other regime, whichever exist. */
    static List<String> regimesToShow(List<String> regimes, String best) {
        List<String> shown = new ArrayList<>();
        if (regimes.contains("replace")) {
            shown.add("replace");
        }
        if (best != null && !shown.contains(best)) {
            shown.add(best);
        }
        return shown;
    }
}
