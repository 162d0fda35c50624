package org.ouroboros.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Json;

class ReportCommandTest {
    @TempDir
    Path run;

    @Test
    void printsTheReportPathAndNotesSkippedPlots() throws Exception {
        Files.writeString(run.resolve("metrics.csv"), "regime,seed,generation,test_perplexity,status\n"
                + "replace,1,0,30,ok\nreplace,1,1,36,ok\n");
        CliRun text = CliRun.ouro("report", run.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertEquals(run.resolve("report/report.html").toString(), text.out().strip());
        assertTrue(text.err().contains("skipped per-genre perplexity growth: category_perplexity.csv not found"),
                text.err());

        CliRun json = CliRun.ouro("report", run.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode node = Json.MAPPER.readTree(json.out());
        assertEquals(run.resolve("report/report.html").toString(), node.get("report").asText());
        assertEquals(2, node.get("files").size());
        assertTrue(node.get("skipped").size() >= 3);
    }

    @Test
    void directoryWithoutMetricsExitsTwo() {
        CliRun r = CliRun.ouro("report", run.toString());
        assertEquals(2, r.exitCode());
        assertEquals("error: not a run directory: " + run + " (expected metrics.csv)", r.err().strip());
    }
}
