package org.ouroboros.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;

class RunReportTest {
    @TempDir
    Path run;

    @Test
    void fullRunDirectoryGivesEveryPlotAndAPageReferencingThem() throws Exception {
        SyntheticRun.write(run);
        RunReport.Result result = RunReport.write(run);

        Path dir = run.resolve("report");
        assertEquals(dir.resolve("report.html"), result.report());
        assertEquals(List.of(), result.skipped());
        PngAssert.assertPng(dir.resolve("test_perplexity.png"), Charts.WIDTH, Charts.HEIGHT);
        PngAssert.assertPng(dir.resolve("sequence_perplexity.png"), DistributionCharts.WIDTH, 3 * DistributionCharts.HEIGHT);
        PngAssert.assertPng(dir.resolve("collapse_metrics.png"), 2 * Charts.PANEL_WIDTH, 4 * Charts.PANEL_HEIGHT
                + Charts.LEGEND_STRIP);
        PngAssert.assertPng(dir.resolve("genre_perplexity.png"), 2 * GenreCharts.WIDTH, 2 * GenreCharts.HEIGHT);
        assertEquals(5, result.files().size());

        String html = Files.readString(result.report());
        for (String png : List.of("test_perplexity.png", "sequence_perplexity.png", "collapse_metrics.png",
                "genre_perplexity.png")) {
            assertTrue(html.contains("<img src=\"" + png + "\""), "page shows " + png);
        }
        // mean and sd across the 3 seeds of replace at generation 2: 34 + 4*2 + {0.5, 1.0, 1.5}
        assertTrue(html.contains("<td>replace</td><td>2</td><td>3</td><td>43.00 ± 0.50</td>"), html);
        // generation 5 of replace has only 2 ok seeds
        assertTrue(html.contains("<td>replace</td><td>5</td><td>2</td><td>54.75 ± 0.35</td>"), html);
        assertTrue(html.contains("failed: loss diverged (nan at step 120)"));
        assertTrue(html.contains("name: synthetic &lt;test&gt; &amp; &quot;quotes&quot;"), "config verbatim, escaped");
        assertTrue(html.contains("git_commit"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no network resources");
    }

    @Test
    void bestPreservingRegimeIsTheLowestFinalPerplexityOtherThanReplace() throws Exception {
        SyntheticRun.write(run);
        String html = Files.readString(RunReport.write(run).report());
        assertTrue(html.contains("for replace, mix and accumulate."), html);
        assertTrue(html.contains("accumulate is the best-preserving regime"), html);
    }

    @Test
    void missingOptionalFilesAreSkippedAndSaidSo() throws Exception {
        Files.writeString(run.resolve("metrics.csv"), SyntheticRun.metricsCsv());
        RunReport.Result result = RunReport.write(run);
        assertTrue(Files.exists(run.resolve("report/test_perplexity.png")));
        assertTrue(Files.exists(run.resolve("report/collapse_metrics.png")));
        assertFalse(Files.exists(run.resolve("report/sequence_perplexity.png")));
        assertFalse(Files.exists(run.resolve("report/genre_perplexity.png")));
        String skipped = String.join("\n", result.skipped());
        assertTrue(skipped.contains("sequence_perplexity.csv not found"), skipped);
        assertTrue(skipped.contains("category_perplexity.csv not found"), skipped);
        assertTrue(skipped.contains("config.resolved.yaml not found"), skipped);
        assertTrue(Files.readString(result.report()).contains("category_perplexity.csv not found"));
    }

    @Test
    void metricsWithoutOptionalColumnsStillReport() throws Exception {
        Files.writeString(run.resolve("metrics.csv"), "regime,seed,generation,test_perplexity,status\n"
                + "replace,1,0,30,ok\nreplace,1,1,35,ok\nreplace,1,2,,failed: out of memory\n");
        RunReport.Result result = RunReport.write(run);
        assertTrue(String.join("\n", result.skipped()).contains("self_bleu, output_entropy"), result.skipped().toString());
        assertFalse(Files.exists(run.resolve("report/collapse_metrics.png")));
        assertTrue(Files.readString(result.report()).contains("failed: out of memory"));
    }

    @Test
    void missingRequiredColumnNamesFileAndColumn() throws Exception {
        Files.writeString(run.resolve("metrics.csv"), "regime,seed,generation,status\nreplace,1,0,ok\n");
        BadInputException e = assertThrows(BadInputException.class, () -> RunReport.write(run));
        assertTrue(e.getMessage().contains("metrics.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("missing required column 'test_perplexity'"), e.getMessage());

        Files.writeString(run.resolve("metrics.csv"), SyntheticRun.metricsCsv());
        Files.writeString(run.resolve("category_perplexity.csv"), "regime,seed,generation,test_perplexity\n");
        BadInputException category = assertThrows(BadInputException.class, () -> RunReport.write(run));
        assertTrue(category.getMessage().contains("category_perplexity.csv: missing required column 'category'"),
                category.getMessage());
    }

    @Test
    void malformedNumberNamesLineAndColumn() throws Exception {
        Files.writeString(run.resolve("metrics.csv"), "regime,seed,generation,test_perplexity,status\n"
                + "replace,1,0,30,ok\nreplace,1,1,thirty,ok\n");
        BadInputException e = assertThrows(BadInputException.class, () -> RunReport.write(run));
        assertTrue(e.getMessage().contains("metrics.csv line 3, column 'test_perplexity': expected a number, got 'thirty'"),
                e.getMessage());
    }

    @Test
    void notARunDirectory() {
        BadInputException e = assertThrows(BadInputException.class, () -> RunReport.write(run));
        assertEquals("not a run directory: " + run + " (expected metrics.csv)", e.getMessage());
    }
}
