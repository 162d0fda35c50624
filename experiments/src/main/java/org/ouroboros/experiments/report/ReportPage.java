package org.ouroboros.experiments.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The HTML page of a run report, assembled section by section in reading order. */
final class ReportPage {
    private final MetricsTable metrics;
    private final HtmlPage page;

    ReportPage(Path runDir, MetricsTable metrics) {
        this.metrics = metrics;
        Path name = runDir.toAbsolutePath().normalize().getFileName();
        this.page = new HtmlPage("Ouroboros run report: " + (name == null ? runDir : name));
        page.paragraph("Run directory: " + runDir.toAbsolutePath().normalize());
        String regimes = metrics.regimes().stream()
                .map(r -> r + " (" + metrics.seeds(r) + " seeds)").collect(Collectors.joining(", "));
        int last = metrics.rows().stream().mapToInt(MetricsRow::generation).max().orElse(0);
        page.paragraph(String.format(Locale.ROOT, "Regimes: %s. Generations 0..%d; %d rows in metrics.csv, %d failed.",
                regimes.isEmpty() ? "none" : regimes, last, metrics.rows().size(), metrics.failed().size()));
    }

    void testPerplexity(String png, PaperReferences refs) {
        page.heading("Test perplexity");
        String ref = refs.known() ? String.format(Locale.ROOT, " Dashed: the base model's zero-shot perplexity on this "
                + "corpus (%.1f)%s; dotted: generation 0, the base fine-tuned on real data.", refs.zeroShot(),
                Double.isFinite(refs.baseOwn()) ? String.format(Locale.ROOT, " and on its own pretraining corpus "
                        + "%s (%.1f)", refs.baseCorpus(), refs.baseOwn()) : "") : "";
        page.figure(png, "Perplexity of each generation's model on the real test split; line = mean over seeds, "
                + "band = min-max over seeds." + ref);
    }

    void sequencePerplexity(String png, List<String> regimes, String best, long dropped) {
        page.heading("Perplexity of training sequences under the generation-0 model");
        String which = best == null ? "" : " " + best + " is the best-preserving regime (lowest mean test "
                + "perplexity at its last generation, replace excluded).";
        page.figure(png, "Densities (Gaussian kernel estimates on the log axis, one grid and y scale for all panels) "
                + "of the perplexity the generation-0 model assigns to each generation's training sequences, "
                + "pooled over seeds, for "
                + words(regimes) + "." + which + " Generation 0 is the real training data; darker = earlier.");
        if (dropped > 0) {
            page.note(dropped + " rows with an empty, non-finite or non-positive perplexity were left out.");
        }
    }

    void claims(List<PaperClaims.Claim> claims, String setting) {
        page.heading("The paper's claims against this run");
        page.paragraph("Shumailov et al. (Nature 631:755, 2024), Fig. 1 and its text, checked against this run's CSVs. "
                + setting);
        page.textTable(List.of("the paper's claim", "our figure", "holds?"),
                claims.stream().map(PaperClaims.Claim::cells).toList());
    }

    void examples(ExampleContinuations.Table t) {
        page.heading("Example continuations");
        page.paragraph("The first prompts of the first seed (real training blocks; every generation continues the "
                + "same ones) and what generation 0 and each regime's last generation wrote after them.");
        page.textTable(t.header(), t.rows());
    }

    /** "a", "a and b", "a, b and c". */
    static String words(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    void collapseMetrics(String png) {
        page.heading("Diversity and tail metrics");
        page.figure(png, "Self-BLEU, entropies, distinct-n, rare-token recall and unigram KL per generation; "
                + "line = mean over seeds, band = min-max; one legend (top) for every panel.");
    }

    void genreGrowth(String png, List<String> minority, String sizeSource, long minTokens, List<String> hidden,
                     boolean intervals) {
        page.heading("Per-genre perplexity growth");
        String highlighted = minority.isEmpty() ? "No genre is highlighted (" + sizeSource + ")."
                : "Coloured: the smallest genres (" + String.join(", ", minority) + "; sizes from " + sizeSource
                + "); grey: the rest; dashed: group means.";
        String bands = intervals ? " Bands: 95% bootstrap intervals over the genre's test blocks."
                : " No intervals: this run did not keep per-block test scores.";
        String left = String.format(Locale.ROOT, " Only genres with at least %,d test tokens are drawn%s.", minTokens,
                hidden.isEmpty() ? "" : " (left out: " + String.join(", ", hidden) + ")");
        page.figure(png, "Test perplexity per genre divided by its generation-0 value, mean over seeds. "
                + highlighted + bands + left);
    }

    /** A section of one figure under {@code heading}. */
    void figure(String heading, String png, String caption) {
        page.heading(heading);
        page.figure(png, caption);
    }

    void tables() {
        page.heading("Numbers (mean ± sd across ok seeds)");
        page.table(ReportTables.numbersHeader(metrics), ReportTables.numbers(metrics));
        page.heading("Failed generations");
        List<List<String>> failed = ReportTables.failed(metrics);
        if (failed.isEmpty()) {
            page.paragraph("None: every row of metrics.csv has status ok.");
        } else {
            page.table(List.of("regime", "seed", "generation", "status"), failed);
        }
    }

    /** Shows {@code file} verbatim under {@code title}; if it is missing, tells {@code onMissing} (may be null). */
    void textFile(String title, Path file, Consumer<String> onMissing) {
        if (!Files.isRegularFile(file)) {
            if (onMissing != null) {
                onMissing.accept(title.toLowerCase(Locale.ROOT) + ": " + file.getFileName() + " not found");
            }
            return;
        }
        try {
            page.heading(title + " (" + file.getFileName() + ")");
            page.preformatted(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    void skipped(List<String> skipped) {
        if (!skipped.isEmpty()) {
            page.heading("Left out");
            page.list(skipped);
        }
    }

    void write(Path file) {
        page.write(file);
    }
}
