package org.ouroboros.experiments.vae;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.ouroboros.data.mnist.FashionMnist;
import org.ouroboros.experiments.report.Charts;
import org.ouroboros.experiments.report.CsvFiles;
import org.ouroboros.experiments.report.HtmlPage;
import org.ouroboros.experiments.report.Line;
import org.ouroboros.experiments.report.ShownGenerations;

/**
 * The files of a VAE run's report, each written atomically into the run directory: {@code metrics.csv}
 * (one row per regime and generation, plus the real training set as the yardstick; no timings, so the
 * same seed gives the same file), {@code timings.csv}, the sample grids per regime, the class shares per
 * regime with the minority classes highlighted, the minority share, ELBO and diversity per regime, and
 * {@code report.html}.
 */
public final class VaeOutputs {
    /** Samples shown per generation in the grids. */
    static final int GRID_COLUMNS = 12;

    private VaeOutputs() {
    }

    /** Writes every file; returns their paths. */
    public static List<Path> write(VaeResult result) {
        Path dir = result.dir();
        List<Path> files = new ArrayList<>();
        files.add(writeMetrics(result, dir.resolve("metrics.csv")));
        files.add(writeTimings(result, dir.resolve("timings.csv")));
        HtmlPage page = page(result);
        VaeRunDir run = new VaeRunDir(dir);
        for (VaeRegime regime : result.config().regimes()) {
            Path grid = dir.resolve("samples-" + regime + ".png");
            SampleGrid.write(gridRows(result, run, regime), GRID_COLUMNS, grid);
            Path shares = dir.resolve("class-shares-" + regime + ".png");
            Charts.savePng(classSharesChart(result, regime), shares);
            files.add(grid);
            files.add(shares);
            page.heading("Regime " + regime);
            page.figure(grid.getFileName().toString(), "Real training images (top), then the first " + GRID_COLUMNS
                    + " samples of each generation's VAE, " + regime);
            page.figure(shares.getFileName().toString(), "Class shares of the samples as the classifier judges them, "
                    + regime + "; minority classes drawn thick");
            page.table(tableHeader(), tableRows(result, regime));
        }
        Path minority = dir.resolve("minority-share.png");
        Charts.savePng(metricChart(result, "Minority classes' share of the samples", "share",
                VaeGeneration::minorityShare), minority);
        Path metrics = dir.resolve("elbo-diversity.png");
        Charts.saveGrid(List.of(
                panel(result, "ELBO on real test images", "nats per image", VaeGeneration::elbo),
                panel(result, "Per-pixel variance of the samples", "variance", VaeGeneration::pixelVariance),
                panel(result, "Mean distance between samples", "L2 distance", VaeGeneration::meanDistance),
                panel(result, "Classes present (share > " + result.config().presentThreshold() + ")",
                        "fraction of classes", VaeGeneration::classesPresent)), 2, metrics);
        files.add(minority);
        files.add(metrics);
        page.heading("All regimes");
        page.figure(minority.getFileName().toString(), "Summed share of the minority classes; dashed: the real training set");
        page.figure(metrics.getFileName().toString(), "ELBO on the real test images and the diversity of the samples; "
                + "dashed: the real training set");
        Path html = dir.resolve("report.html");
        page.write(html);
        files.add(html);
        return files;
    }

    private static Path writeMetrics(VaeResult result, Path file) {
        List<String> header = new ArrayList<>(List.of("regime", "generation", "training_images", "real_images", "elbo",
                "reconstruction", "kl", "pixel_variance", "mean_distance", "classes_present", "minority_share"));
        for (int c = 0; c < Classifier.CLASSES; c++) {
            header.add("share_" + c);
        }
        List<List<Object>> rows = new ArrayList<>();
        List<VaeGeneration> all = new ArrayList<>(List.of(result.real()));
        all.addAll(result.generations());
        for (VaeGeneration g : all) {
            List<Object> row = new ArrayList<>(List.of(g.regime(), g.generation(), g.trainingImages(), g.realImages(),
                    CsvFiles.number(g.elbo()), CsvFiles.number(g.reconstruction()), CsvFiles.number(g.kl()),
                    CsvFiles.number(g.pixelVariance()), CsvFiles.number(g.meanDistance()),
                    CsvFiles.number(g.classesPresent()), CsvFiles.number(g.minorityShare())));
            for (double s : g.classShares()) {
                row.add(CsvFiles.number(s));
            }
            rows.add(row);
        }
        CsvFiles.write(file, header, rows);
        return file;
    }

    private static Path writeTimings(VaeResult result, Path file) {
        List<List<Object>> rows = new ArrayList<>();
        for (VaeGeneration g : result.generations()) {
            rows.add(List.of(g.regime(), g.generation(), CsvFiles.number(g.seconds())));
        }
        CsvFiles.write(file, List.of("regime", "generation", "seconds"), rows);
        return file;
    }

    private static List<SampleGrid.Row> gridRows(VaeResult result, VaeRunDir run, VaeRegime regime) {
        List<SampleGrid.Row> rows = new ArrayList<>();
        rows.add(new SampleGrid.Row("real", result.realPreview()));
        for (int n : ShownGenerations.of(result.config().generations(), 11)) {
            rows.add(new SampleGrid.Row("gen " + n, run.readSamples(regime, n).head(GRID_COLUMNS)));
        }
        return rows;
    }

    private static List<VaeGeneration> rowsOf(VaeResult result, VaeRegime regime) {
        return result.generations().stream().filter(g -> g.regime().equals(regime.toString())).toList();
    }

    private static XYChart classSharesChart(VaeResult result, VaeRegime regime) {
        List<VaeGeneration> rows = rowsOf(result, regime);
        double[] x = rows.stream().mapToDouble(VaeGeneration::generation).toArray();
        Minority minority = result.config().minority();
        List<Line> lines = new ArrayList<>();
        for (int c = 0; c < Classifier.CLASSES; c++) {
            int k = c;
            double[] y = rows.stream().mapToDouble(g -> g.classShares()[k]).toArray();
            boolean rare = minority.contains(c);
            Line line = Line.of((rare ? "minority " : "") + c + " " + FashionMnist.CLASSES.get(c), x, y,
                    Charts.category(c)).withWidth(rare ? 4f : 1.5f);
            lines.add(line);
        }
        return Charts.lines("Class shares of the samples, " + regime, "generation n", "share of samples", lines);
    }

    private static XYChart metricChart(VaeResult result, String title, String yTitle, ToDoubleFunction<VaeGeneration> f) {
        return metricChart(result, title, yTitle, f, Charts.WIDTH, Charts.HEIGHT);
    }

    private static XYChart panel(VaeResult result, String title, String yTitle, ToDoubleFunction<VaeGeneration> f) {
        return metricChart(result, title, yTitle, f, Charts.PANEL_WIDTH, Charts.PANEL_HEIGHT);
    }

    private static XYChart metricChart(VaeResult result, String title, String yTitle, ToDoubleFunction<VaeGeneration> f,
                                       int width, int height) {
        List<Line> lines = new ArrayList<>();
        int i = 0;
        double[] all = null;
        for (VaeRegime regime : result.config().regimes()) {
            List<VaeGeneration> rows = rowsOf(result, regime);
            all = rows.stream().mapToDouble(VaeGeneration::generation).toArray();
            lines.add(Line.of(regime.toString(), all, rows.stream().mapToDouble(f).toArray(), Charts.category(i++)));
        }
        double ref = f.applyAsDouble(result.real());
        if (Double.isFinite(ref) && all != null) {
            double[] y = new double[all.length];
            Arrays.fill(y, ref);
            lines.add(Line.of("real training set", all, y, Color.GRAY).asDashed());
        }
        return Charts.legendBelow(Charts.lines(title, "generation n", yTitle, lines, width, height));
    }

    private static List<String> tableHeader() {
        return List.of("generation", "training images (real)", "ELBO", "reconstruction", "KL", "minority share",
                "classes present", "pixel variance", "mean distance");
    }

    private static List<List<String>> tableRows(VaeResult result, VaeRegime regime) {
        List<List<String>> rows = new ArrayList<>();
        List<VaeGeneration> all = new ArrayList<>(List.of(result.real()));
        all.addAll(rowsOf(result, regime));
        for (VaeGeneration g : all) {
            rows.add(List.of(g.regime().equals("real") ? "real training set" : Integer.toString(g.generation()),
                    String.format(Locale.ROOT, "%,d (%,d)", g.trainingImages(), g.realImages()), fmt(g.elbo()),
                    fmt(g.reconstruction()), fmt(g.kl()), fmt(g.minorityShare()), fmt(g.classesPresent()),
                    fmt(g.pixelVariance()), fmt(g.meanDistance())));
        }
        return rows;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
    }

    private static HtmlPage page(VaeResult result) {
        VaeConfig c = result.config();
        HtmlPage page = new HtmlPage("VAE collapse on Fashion-MNIST");
        page.paragraph(String.format(Locale.ROOT, "Generation 0 trains a VAE (Deeplearning4j's VariationalAutoencoder "
                + "layer, encoder %s, latent %d, Bernoulli pixels) on %,d real training images%s; each later generation "
                + "trains a fresh VAE for %d epochs on the set its regime builds from real images and %,d samples "
                + "drawn from the previous VAE's prior (decoder means, quantised to 0..255). Regimes: %s%s; seed %d.",
                Arrays.toString(c.shape().hidden()), c.shape().latent(), result.real().trainingImages(),
                c.minority().classes().length == 0 ? "" : " (classes " + c.minority() + " kept, creating minority modes)",
                c.epochs(), result.real().trainingImages(), c.regimes(),
                c.regimes().contains(VaeRegime.MIX) ? " (mix keeps a share " + c.realFraction() + " of real images)" : "",
                c.seed()));
        page.paragraph(String.format(Locale.ROOT, "Every generation is measured on %,d real test images (ELBO, one "
                + "sample of z per image, the same noise for every generation) and on its own samples: per-pixel variance, "
                + "mean distance between samples, and the class mix as judged by an MLP trained once on the 60,000 real "
                + "training images (accuracy on the 10,000 real test images: %.4f). A class is present while its share "
                + "of the samples exceeds %.3g.", c.testImages(), result.classifierAccuracy(), c.presentThreshold()));
        page.note("The judge knows only real images. As samples blur it files more of them under whichever class a "
                + "blob resembles most (Bag, in the shipped run), so a class whose share rises is the judge's reading "
                + "of blur, not a class the VAE draws more of; the shares that fall, the minority classes' above all, "
                + "are the collapse.");
        return page;
    }
}
