package org.ouroboros.experiments.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.io.AtomicFiles;

/**
 * The report of a run directory: plots and {@code report.html} in {@code RUN_DIR/report/}, regenerated
 * from the CSVs the recursion engine writes. The whole {@code report/} directory is replaced atomically.
 *
 * <p>Inputs: {@code metrics.csv} (required; see {@link MetricsTable}), and if present
 * {@code category_perplexity.csv}, {@code sequence_perplexity.csv}, {@code config.resolved.yaml},
 * {@code provenance.json}. A missing optional input skips its plot and says so in the report.
 */
public final class RunReport {
    /** Subdirectory of the run directory that holds the report. */
    public static final String DIR = "report";
    static final String TEST_PERPLEXITY = "test_perplexity.png";
    static final String SEQUENCE_PERPLEXITY = "sequence_perplexity.png";
    static final String COLLAPSE_METRICS = "collapse_metrics.png";
    static final String GENRE_GROWTH = "genre_perplexity.png";

    /**
     * What was written.
     *
     * @param report  the HTML page
     * @param files   every file written, the page last
     * @param skipped one sentence per plot or section left out, and why
     */
    public record Result(Path report, List<Path> files, List<String> skipped) {
    }

    private final Path runDir;
    private final MetricsTable metrics;
    private final Map<String, Double> categorySizes;
    private final PaperReferences references;
    private final List<String> written = new ArrayList<>();
    private SequencePerplexities sequences;
    private GenreGrowth genres;
    private List<String> minority = List.of();
    private final List<String> skipped = new ArrayList<>();

    private RunReport(Path runDir, MetricsTable metrics, Map<String, Double> categorySizes) {
        this.runDir = runDir;
        this.metrics = metrics;
        this.categorySizes = categorySizes;
        this.references = PaperReferences.read(runDir);
    }

    /** Writes the report of {@code runDir}. */
    public static Result write(Path runDir) {
        return write(runDir, Map.of());
    }

    /** Writes the report of {@code runDir}; {@code categorySizes} (may be empty) picks the minority genres. */
    public static Result write(Path runDir, Map<String, Double> categorySizes) {
        Path metricsFile = runDir.resolve("metrics.csv");
        if (!Files.isRegularFile(metricsFile)) {
            throw new BadInputException("not a run directory: " + runDir + " (expected metrics.csv)");
        }
        RunReport report = new RunReport(runDir, MetricsTable.read(metricsFile), categorySizes);
        Path target = runDir.resolve(DIR);
        AtomicFiles.removeTemporaries(target);            // a report write killed midway (kill -9 of a run)
        AtomicFiles.writeDirectory(target, report::writeInto);
        List<Path> files = report.written.stream().map(target::resolve).toList();
        return new Result(target.resolve("report.html"), files, List.copyOf(report.skipped));
    }

    private void writeInto(Path dir) {
        ReportPage page = new ReportPage(runDir, metrics);
        List<MetricsRow> ok = metrics.rows().stream().filter(MetricsRow::ok).toList();
        if (ok.isEmpty()) {
            skip("every plot: metrics.csv has no row with status ok");
        } else {
            page.testPerplexity(save(dir, TEST_PERPLEXITY, List.of(MetricCharts.testPerplexity(metrics, references)),
                    1), references);
            sequencePlot(dir, page);
            collapsePlot(dir, page);
            MitigationCharts.write(metrics, page, (name, panels) -> save(dir, name, panels, 2));
        }
        genrePlot(dir, page);
        claimsTable(page);
        ExampleContinuations.Table examples = ExampleContinuations.of(runDir, metrics.regimes());
        if (examples != null) {
            page.examples(examples);
        }
        page.tables();
        page.textFile("Resolved config", runDir.resolve("config.resolved.yaml"), this::skip);
        page.textFile("Provenance", runDir.resolve("provenance.json"), null);
        page.skipped(skipped);
        page.write(dir.resolve("report.html"));
        written.add("report.html");
    }

    private void sequencePlot(Path dir, ReportPage page) {
        Path file = runDir.resolve("sequence_perplexity.csv");
        String best = bestPreserving();
        List<String> regimes = DistributionCharts.regimesToShow(metrics.regimes(), best);
        if (!Files.isRegularFile(file)) {
            skip("per-sequence perplexity histograms: sequence_perplexity.csv not found");
            return;
        }
        SequencePerplexities data = SequencePerplexities.read(file, new HashSet<>(regimes));
        if (data.all().isEmpty()) {
            skip("per-sequence perplexity histograms: sequence_perplexity.csv has no usable rows for " + regimes);
            return;
        }
        sequences = data;
        List<XYChart> panels = DistributionCharts.panels(data, regimes);
        page.sequencePerplexity(save(dir, SEQUENCE_PERPLEXITY, panels, 1), regimes, best, data.dropped());
    }

    private void collapsePlot(Path dir, ReportPage page) {
        List<String> missing = new ArrayList<>();
        List<XYChart> panels = MetricCharts.collapsePanels(metrics, missing);
        if (!missing.isEmpty()) {
            skip("collapse-metric panels without data in metrics.csv: " + String.join(", ", missing));
        }
        if (!panels.isEmpty()) {
            Charts.saveGrid(panels, 2, MetricCharts.legend(metrics), dir.resolve(COLLAPSE_METRICS));
            written.add(COLLAPSE_METRICS);
            page.collapseMetrics(COLLAPSE_METRICS);
        }
    }

    private void genrePlot(Path dir, ReportPage page) {
        Path file = runDir.resolve("category_perplexity.csv");
        if (!Files.isRegularFile(file)) {
            skip("per-genre perplexity growth: category_perplexity.csv not found");
            return;
        }
        CategoryTable table = CategoryTable.read(file);
        GenreGrowth growth = GenreGrowth.read(runDir, table);
        GenreCharts.Sizes sizes = GenreCharts.sizes(table, categorySizes);
        genres = growth;
        minority = GenreCharts.minority(table.categories(), sizes.sizes());
        if (growth.shownGenres().isEmpty()) {
            skip(String.format(java.util.Locale.ROOT, "per-genre perplexity growth: no genre has %,d test tokens",
                    GenreGrowth.MIN_TOKENS));
            return;
        }
        List<XYChart> panels = GenreCharts.panels(growth, minority, sizes, metrics.regimes());
        if (panels.isEmpty()) {
            skip("per-genre perplexity growth: category_perplexity.csv has no generation-0 baseline to divide by");
            return;
        }
        List<String> hidden = growth.tokens().keySet().stream().filter(c -> !growth.shownGenres().contains(c))
                .toList();
        page.genreGrowth(save(dir, GENRE_GROWTH, panels, 2), minority, sizes.source(), GenreGrowth.MIN_TOKENS,
                hidden, growth.hasIntervals());
    }

    /** The paper's claims against the run, when the run has settings (a) or (b) (replace, mix). */
    private void claimsTable(ReportPage page) {
        String a = PaperClaims.settingLabel(runDir, "replace");
        String b = PaperClaims.settingLabel(runDir, "mix");
        if (a == null && b == null) {
            return;     // not a run of the paper's settings
        }
        SequencePerplexities seqs = sequences != null ? sequences : new SequencePerplexities(Map.of(), 0);
        List<PaperClaims.Claim> claims = PaperClaims.of(runDir, metrics, references, seqs, genres, minority);
        if (claims.isEmpty()) {
            skip("the paper's claims: the run has too few generations to check any");
            return;
        }
        page.claims(claims, "Setting (a) is " + (a == null ? "absent" : a) + " (replace), setting (b) is "
                + (b == null ? "absent" : b) + " (mix).");
    }

    /**
     * The regime other than replace with the lowest mean test perplexity at its own last generation; null
     * when there is none.
     */
    String bestPreserving() {
        return metrics.stats("test_perplexity").entrySet().stream()
                .filter(e -> !e.getKey().equals("replace"))
                .min(Comparator.comparingDouble(e -> e.getValue().get(e.getValue().size() - 1).mean()))
                .map(Map.Entry::getKey).orElse(null);
    }

    private String save(Path dir, String name, List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts,
                        int columns) {
        if (charts.size() == 1 && charts.get(0) instanceof XYChart one) {
            Charts.savePng(one, dir.resolve(name));
        } else {
            Charts.saveGrid(charts, columns, dir.resolve(name));
        }
        written.add(name);
        return name;
    }

    private void skip(String what) {
        skipped.add(what);
    }
}
