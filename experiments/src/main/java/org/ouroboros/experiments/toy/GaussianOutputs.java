package org.ouroboros.experiments.toy;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.ouroboros.experiments.report.Charts;
import org.ouroboros.experiments.report.CsvFiles;
import org.ouroboros.experiments.report.HtmlPage;
import org.ouroboros.experiments.report.Line;
import org.ouroboros.experiments.report.ShownGenerations;

/**
 * Files for a Gaussian collapse result: {@code gaussian-REGIME.csv}, a variance plot with the theory
 * curve, a Wasserstein-2 plot, and an HTML page showing both; each written atomically.
 */
public final class GaussianOutputs {
    private GaussianOutputs() {
    }

    /** Writes the files into {@code dir}; returns their paths. */
    public static List<Path> write(GaussianResult result, Path dir) {
        String stem = "gaussian-" + result.config().regime();
        Path csv = dir.resolve(stem + ".csv");
        Path variance = dir.resolve(stem + "-variance.png");
        Path w2 = dir.resolve(stem + "-w2.png");
        Path html = dir.resolve(stem + ".html");
        writeCsv(result, csv);
        Charts.savePng(varianceChart(result), variance);
        Charts.savePng(w2Chart(result), w2);
        page(result, variance, w2).write(html);
        return List.of(csv, variance, w2, html);
    }

    private static void writeCsv(GaussianResult result, Path file) {
        List<List<Object>> rows = new ArrayList<>();
        for (GaussianGeneration g : result.generations()) {
            rows.add(List.of(g.n(), CsvFiles.number(g.meanVariance()), CsvFiles.number(g.stderr()),
                    CsvFiles.number(g.theory()), CsvFiles.number(g.w2())));
        }
        CsvFiles.write(file, List.of("n", "mean_variance", "stderr", "theory", "w2"), rows);
    }

    /**
     * Mean fitted variance with a +-2 standard error band and the theory curve. The y axis is linear when
     * the values span less than a factor of 10, logarithmic up to 12 decades, and beyond that (replace over
     * hundreds of generations) shows log10 of the values on a linear axis so the labels stay legible.
     */
    static XYChart varianceChart(GaussianResult result) {
        List<GaussianGeneration> gens = result.generations();
        int size = gens.size();
        double[] x = new double[size];
        double[] mean = new double[size];
        double[] low = new double[size];
        double[] high = new double[size];
        double[] theory = new double[size];
        for (int i = 0; i < size; i++) {
            GaussianGeneration g = gens.get(i);
            x[i] = g.n();
            mean[i] = g.meanVariance();
            low[i] = g.meanVariance() - 2 * g.stderr() > 0 ? g.meanVariance() - 2 * g.stderr() : Double.NaN;
            high[i] = g.meanVariance() + 2 * g.stderr();
            theory[i] = g.theory() == null ? Double.NaN : g.theory();
        }
        double span = span(mean, theory);
        boolean log10Values = span > 1e12;
        if (log10Values) {
            for (double[] values : List.of(mean, low, high, theory)) {
                for (int i = 0; i < size; i++) {
                    values[i] = Math.log10(values[i]);
                }
            }
        }
        GaussianConfig c = result.config();
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of("mean fitted variance (band: +-2 standard errors)", x, mean, Charts.category(0))
                .withBand(low, high));
        lines.add(Line.of("theory ((N-1)/N)^(n+1)", x, theory, Color.BLACK).asDashed());
        String title = String.format(Locale.ROOT, "Gaussian refit, %s: N = %d samples, %d trials",
                c.regime(), c.samples(), c.trials());
        String yTitle = log10Values ? "log10(fitted variance)"
                : span > 10 ? "fitted variance (log scale)" : "fitted variance";
        XYChart chart = Charts.legendBelow(Charts.lines(title, "generation n", yTitle, lines));
        return span > 10 && !log10Values ? Charts.logY(chart) : chart;
    }

    private static double span(double[]... series) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double[] values : series) {
            for (double v : values) {
                if (v > 0 && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return max / min;
    }

    private static XYChart w2Chart(GaussianResult result) {
        List<GaussianGeneration> gens = result.generations();
        double[] x = gens.stream().mapToDouble(GaussianGeneration::n).toArray();
        double[] w2 = gens.stream().mapToDouble(GaussianGeneration::w2).toArray();
        GaussianConfig c = result.config();
        String title = String.format(Locale.ROOT, "Distance of the fit from N(0, 1), %s: N = %d, %d trials",
                c.regime(), c.samples(), c.trials());
        return Charts.legendBelow(Charts.lines(title, "generation n", "mean Wasserstein-2 distance",
                List.of(Line.of("mean W2(fit, N(0,1))", x, w2, Charts.category(1)))));
    }

    private static HtmlPage page(GaussianResult result, Path variance, Path w2) {
        GaussianConfig c = result.config();
        HtmlPage page = new HtmlPage("Gaussian collapse: " + c.regime());
        page.paragraph(String.format(Locale.ROOT, "N = %d samples per generation, generations 0..%d, %d trials, "
                + "seed %d. Generation 0 fits N(0, 1) samples; generation n fits samples of fit n-1%s.",
                c.samples(), c.generations(), c.trials(), c.seed(),
                c.regime() == ToyRegime.ACCUMULATE ? " together with every earlier sample" : " only"));
        page.paragraph("Theory: E[fitted variance at generation n] = ((N-1)/N)^(n+1); fit n is the (n+1)-th "
                + "maximum-likelihood fit in the chain (generation 0 already shrinks by (N-1)/N). Shown for "
                + "replace and for generation 0 of accumulate. Under replace the fitted variance is the product of "
                + "n+1 independent chi-square/N factors, heavy-tailed on the log scale: after many generations "
                + "its expectation is carried by trials rarer than 1 in R, so the mean over R trials falls below "
                + "the theory curve and the standard error understates the uncertainty.");
        page.figure(variance.getFileName().toString(), "Mean fitted variance per generation with the theory curve");
        page.figure(w2.getFileName().toString(), "Mean Wasserstein-2 distance between the fit and N(0, 1)");
        List<List<String>> rows = new ArrayList<>();
        for (int g : ShownGenerations.of(c.generations(), ShownGenerations.MAX_ROWS * 2)) {
            GaussianGeneration gen = result.generations().get(g);
            rows.add(List.of(Integer.toString(g), fmt(gen.meanVariance()), fmt(gen.stderr()),
                    gen.theory() == null ? "" : fmt(gen.theory()), fmt(gen.w2())));
        }
        page.heading("Per generation");
        page.table(List.of("n", "mean variance", "std. error", "theory", "W2"), rows);
        return page;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
