package org.ouroboros.experiments.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;

/**
 * Shumailov et al.'s Fig. 1 (left): the density of the perplexity that the generation-0 model assigns to
 * each generation's training sequences, overlaid per generation (dark = early, yellow = late). Each curve
 * is a Gaussian kernel density estimate on a log10 axis ({@link Kde}), evaluated on one grid shared by every
 * panel, so curves of a few hundred sequences read as smooth shapes and panels compare. Collapse shows
 * as mass moving to low perplexity and a long high-perplexity tail.
 */
final class DistributionCharts {
    /** Points of the shared grid. */
    static final int GRID = 240;
    /** Most generations overlaid in one panel; more are thinned to evenly spaced ones (0 and the last kept). */
    static final int MAX_CURVES = 6;
    /** Every regime gets a panel when there are at most this many. */
    static final int ALL_REGIMES_UP_TO = 4;
    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    private DistributionCharts() {
    }

    /** One panel per regime in {@code regimes} that has data, all on the same grid and y scale. */
    static List<XYChart> panels(SequencePerplexities data, List<String> regimes) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] values : data.all()) {
            double[] x = Kde.log10(values);
            if (x.length > 0) {
                lo = Math.min(lo, x[0]);
                hi = Math.max(hi, x[x.length - 1]);
            }
        }
        double pad = Math.max(0.1, 0.05 * (hi - lo));
        double[] grid = Kde.grid(lo - pad, hi + pad, GRID);
        List<XYChart> panels = new ArrayList<>();
        double top = 0;
        for (String regime : regimes) {
            TreeMap<Integer, double[]> generations = data.byRegime().get(regime);
            if (generations != null && !generations.isEmpty()) {
                List<Line> lines = curves(generations, grid);
                for (Line l : lines) {
                    top = Math.max(top, Arrays.stream(l.y()).max().orElse(0));
                }
                XYChart chart = Charts.lines(regime + ": each generation's training data",
                        "perplexity under the generation-0 model (log scale)",
                        "density per log10(perplexity)", lines, WIDTH, HEIGHT);
                Charts.log10Labels(chart, true);
                chart.getStyler().setXAxisMin(grid[0]).setXAxisMax(grid[grid.length - 1]);
                panels.add(chart);
            }
        }
        for (XYChart panel : panels) {
            panel.getStyler().setYAxisMin(0.0).setYAxisMax(top * 1.05); // same scale in every panel
        }
        return panels;
    }

    private static List<Line> curves(TreeMap<Integer, double[]> generations, double[] grid) {
        List<Integer> all = new ArrayList<>(generations.keySet());
        List<Integer> shown = new ArrayList<>();
        for (int i : ShownGenerations.of(all.size() - 1, MAX_CURVES)) {
            shown.add(all.get(i));
        }
        int last = all.get(all.size() - 1);
        List<Line> lines = new ArrayList<>();
        for (int g : shown) {
            double[] x = Kde.log10(generations.get(g));
            if (x.length == 0) {
                continue;
            }
            String name = String.format(Locale.ROOT, "gen %d%s: median %s, p95 %s (n=%d)", g, g == 0 ? " (real)" : "",
                    Charts.powerOfTen(Kde.quantile(x, 0.5)), Charts.powerOfTen(Kde.quantile(x, 0.95)), x.length);
            Color shade = Charts.sequential(last == 0 ? 0 : (double) g / last);
            lines.add(Line.of(name, grid, Kde.density(x, grid, Kde.bandwidth(x)), shade).withWidth(2.5f));
        }
        return lines;
    }

    /** Regimes to show: all of them when few, else replace and the best-preserving other regime. */
    static List<String> regimesToShow(List<String> regimes, String best) {
        if (regimes.size() <= ALL_REGIMES_UP_TO) {
            return List.copyOf(regimes);
        }
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
