package org.ouroboros.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.report.Charts;
import org.ouroboros.experiments.report.PngAssert;

class ToyCommandTest {
    @TempDir
    Path dir;

    @Test
    void gaussianJsonShape() throws Exception {
        CliRun run = CliRun.ouro("toy", "gaussian", "--samples", "10", "--generations", "5", "--trials", "100",
                "--regime", "accumulate", "--seed", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode generations = Json.MAPPER.readTree(run.out()).get("generations");
        assertEquals(6, generations.size());
        for (JsonNode g : generations) {
            assertEquals(List.of("n", "mean_variance", "stderr", "theory", "w2"), names(g));
        }
        assertEquals(0.9, generations.get(0).get("theory").asDouble(), 1e-15);
        assertTrue(generations.get(1).get("theory").isNull());
        assertEquals(5, generations.get(5).get("n").asInt());
    }

    @Test
    void sameSeedPrintsIdenticalOutput() {
        String[] args = {"toy", "gmm", "--samples", "20", "--generations", "4", "--trials", "30", "--regime",
            "replace", "--seed", "11", "--json"};
        CliRun first = CliRun.ouro(args);
        assertEquals(0, first.exitCode(), first.err());
        assertEquals(first.out(), CliRun.ouro(args).out());
    }

    @Test
    void gmmJsonShapeAndTextTable() throws Exception {
        CliRun run = CliRun.ouro("toy", "gmm", "--weights", "0.6,0.3,0.1", "--samples", "50", "--generations", "3",
                "--trials", "20", "--regime", "replace", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals(2, json.get("minority").asInt());
        assertEquals(0.002, json.get("survival_threshold").asDouble(), 1e-15);
        JsonNode g0 = json.get("generations").get(0);
        assertEquals(List.of("n", "weights", "minority_survival"), names(g0));
        assertEquals(3, g0.get("weights").size());

        CliRun text = CliRun.ouro("toy", "gmm", "--samples", "50", "--generations", "3", "--trials", "20",
                "--regime", "accumulate");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("minority_survival"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.trim().startsWith("3 ")), text.out());
    }

    @Test
    void outWritesCsvPlotsAndPage() throws Exception {
        Path out = dir.resolve("toy");
        CliRun g = CliRun.ouro("toy", "gaussian", "--samples", "10", "--generations", "30", "--trials", "200",
                "--regime", "replace", "--out", out.toString());
        assertEquals(0, g.exitCode(), g.err());
        List<String> csv = Files.readAllLines(out.resolve("gaussian-replace.csv"));
        assertEquals("n,mean_variance,stderr,theory,w2", csv.get(0));
        assertEquals(32, csv.size());
        PngAssert.assertPng(out.resolve("gaussian-replace-variance.png"), Charts.WIDTH, Charts.HEIGHT);
        PngAssert.assertPng(out.resolve("gaussian-replace-w2.png"), Charts.WIDTH, Charts.HEIGHT);
        String html = Files.readString(out.resolve("gaussian-replace.html"));
        assertTrue(html.contains("src=\"gaussian-replace-variance.png\""), html);
        assertTrue(g.out().contains("wrote " + out.resolve("gaussian-replace.html")), g.out());

        CliRun m = CliRun.ouro("toy", "gmm", "--samples", "50", "--generations", "10", "--trials", "20",
                "--regime", "accumulate", "--out", out.toString());
        assertEquals(0, m.exitCode(), m.err());
        assertEquals("n,weight_0,weight_1,weight_2,minority_survival",
                Files.readAllLines(out.resolve("gmm-accumulate.csv")).get(0));
        PngAssert.assertPng(out.resolve("gmm-accumulate-weights.png"), Charts.WIDTH, Charts.HEIGHT);
        PngAssert.assertPng(out.resolve("gmm-accumulate-survival.png"), Charts.WIDTH, Charts.HEIGHT);
        assertTrue(Files.readString(out.resolve("gmm-accumulate.html")).contains("src=\"gmm-accumulate-survival.png\""));
        assertTrue(Files.exists(out.resolve("gaussian-replace.csv")), "other experiments' files are kept");
    }

    @Test
    void badInputExitsTwo() {
        CliRun regime = CliRun.ouro("toy", "gaussian", "--samples", "10", "--generations", "5", "--trials", "10",
                "--regime", "sometimes");
        assertEquals(2, regime.exitCode());
        CliRun weights = CliRun.ouro("toy", "gmm", "--weights", "0.5,0.6", "--samples", "10", "--generations", "5",
                "--trials", "10", "--regime", "replace");
        assertEquals(2, weights.exitCode());
        assertTrue(weights.err().startsWith("error: --weights must sum to 1"), weights.err());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
