package org.ouroboros.experiments.toy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.ouroboros.experiments.report.Charts;
import org.ouroboros.experiments.report.CsvFiles;
import org.ouroboros.experiments.report.HtmlPage;
import org.ouroboros.experiments.report.Line;
import org.ouroboros.experiments.report.ShownGenerations;

/**
 * Files for a mixture collapse result: {@code gmm-REGIME.csv}, plots of the component weights and of the
 * minority's survival, and an HTML page; each written atomically.
 */
public final class GmmOutputs {
    private GmmOutputs() {
    }

    /** Writes the files into {@code dir}; returns their paths. */
    public static List<Path> write(GmmResult result, Path dir) {
        String stem = "gmm-" + result.config().regime();
        Path csv = dir.resolve(stem + ".csv");
        Path weights = dir.resolve(stem + "-weights.png");
        Path survival = dir.resolve(stem + "-survival.png");
        Path html = dir.resolve(stem + ".html");
        writeCsv(result, csv);
        Charts.savePng(weightsChart(result), weights);
        Charts.savePng(survivalChart(result), survival);
        page(result, weights, survival).write(html);
        return List.of(csv, weights, survival, html);
    }

    private static void writeCsv(GmmResult result, Path file) {
        int components = result.config().weights().length;
        List<String> header = new ArrayList<>(List.of("n"));
        for (int k = 0; k < components; k++) {
            header.add("weight_" + k);
        }
        header.add("minority_survival");
        List<List<Object>> rows = new ArrayList<>();
        for (GmmGeneration g : result.generations()) {
            List<Object> row = new ArrayList<>(List.of(g.n()));
            for (double w : g.weights()) {
                row.add(CsvFiles.number(w));
            }
            row.add(CsvFiles.number(g.minoritySurvival()));
            rows.add(row);
        }
        CsvFiles.write(file, header, rows);
    }

    private static XYChart weightsChart(GmmResult result) {
        GmmConfig c = result.config();
        double[] x = result.generations().stream().mapToDouble(GmmGeneration::n).toArray();
        List<Line> lines = new ArrayList<>();
        for (int k = 0; k < c.weights().length; k++) {
            int component = k;
            double[] y = result.generations().stream().mapToDouble(g -> g.weights()[component]).toArray();
            String name = String.format(Locale.ROOT, "%s %d: mean %.0f, w %.3g",
                    k == c.minority() ? "minority" : "component", k, k * c.spacing(), c.weights()[k]);
            lines.add(Line.of(name, x, y, Charts.category(k)).withWidth(k == c.minority() ? 3f : 2f));
        }
        return Charts.lines(title("Mean component weight", c), "generation n", "mean weight across trials", lines);
    }

    private static XYChart survivalChart(GmmResult result) {
        GmmConfig c = result.config();
        double[] x = result.generations().stream().mapToDouble(GmmGeneration::n).toArray();
        double[] y = result.generations().stream().mapToDouble(GmmGeneration::minoritySurvival).toArray();
        String name = String.format(Locale.ROOT, "trials with minority weight > 1/(10N) = %.3g", result.survivalThreshold());
        XYChart chart = Charts.legendBelow(Charts.lines(title("Minority component survival", c), "generation n",
                "fraction of trials", List.of(Line.of(name, x, y, Charts.category(c.minority())))));
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    private static String title(String what, GmmConfig c) {
        return String.format(Locale.ROOT, "%s, %s: N = %d, %d trials", what, c.regime(), c.samples(), c.trials());
    }

    private static HtmlPage page(GmmResult result, Path weights, Path survival) {
        GmmConfig c = result.config();
        HtmlPage page = new HtmlPage("Gaussian-mixture collapse: " + c.regime());
        page.paragraph(String.format(Locale.ROOT, "True weights %s, unit-variance components %.3g apart; "
                + "N = %d samples per generation, generations 0..%d, %d trials, seed %d. EM with %d components "
                + "is started each generation from the mixture the sample was drawn from.",
                Arrays.toString(c.weights()), c.spacing(), c.samples(), c.generations(), c.trials(),
                c.seed(), c.weights().length));
        page.paragraph("A component is absent from N draws with probability (1-w)^N; under replace it never returns. "
                + "Each weight is a martingale under resampling, so its mean across trials stays near the truth "
                + "while more and more trials lose the minority outright: collapse shows in the survival curve.");
        page.figure(weights.getFileName().toString(), "Mean fitted weight of each component");
        page.figure(survival.getFileName().toString(), "Fraction of trials in which the minority component survives");
        List<List<String>> rows = new ArrayList<>();
        for (int g : ShownGenerations.of(c.generations(), ShownGenerations.MAX_ROWS * 2)) {
            GmmGeneration gen = result.generations().get(g);
            List<String> row = new ArrayList<>(List.of(Integer.toString(g)));
            for (double w : gen.weights()) {
                row.add(GaussianOutputs.fmt(w));
            }
            row.add(GaussianOutputs.fmt(gen.minoritySurvival()));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("n"));
        for (int k = 0; k < c.weights().length; k++) {
            header.add("weight " + k);
        }
        header.add("minority survival");
        page.heading("Per generation");
        page.table(header, rows);
        return page;
    }
}
