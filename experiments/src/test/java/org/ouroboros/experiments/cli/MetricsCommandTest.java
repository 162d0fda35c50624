package org.ouroboros.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.metrics.SampleText;
import org.ouroboros.experiments.metrics.SelfBleu;

class MetricsCommandTest {
    @TempDir
    Path dir;

    private Path samples(String text) throws Exception {
        Path f = dir.resolve("samples.txt");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void selfBleuJsonHasExactlyTheContractKeys() throws Exception {
        Path f = samples("the cat sat on the mat\nthe cat is on the mat\na dog sat on a log\n");
        CliRun run = CliRun.ouro("metrics", "self-bleu", "--input", f.toString(), "--max-n", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertEquals(List.of("self_bleu", "samples", "max_n"), iterable(json));
        assertEquals(3, json.get("samples").asInt());
        assertEquals(3, json.get("max_n").asInt());
        double expected = SelfBleu.selfBleu(List.of(SampleText.split("the cat sat on the mat"),
                SampleText.split("the cat is on the mat"), SampleText.split("a dog sat on a log")), 3);
        assertEquals(expected, json.get("self_bleu").asDouble(), 0.0);
    }

    @Test
    void selfBleuTextShowsOrdersTwoToFive() throws Exception {
        Path f = samples("a b c d\na b c e\nb c d e\n");
        SelfBleuCommand.Result r = SelfBleuCommand.run(f, 4);
        CliRun run = CliRun.ouro("metrics", "self-bleu", "--input", f.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith(String.format(java.util.Locale.ROOT, "self-BLEU-4 = %.6f over 3 samples",
                r.selfBleu())), run.out());
        for (int n = 2; n <= 5; n++) {
            assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "n=%d %.6f", n, r.byOrder().get(n - 1))),
                    run.out());
        }
    }

    @Test
    void missingEmptyAndSingleSampleFilesExitTwoWithOneLine() throws Exception {
        CliRun missing = CliRun.ouro("metrics", "self-bleu", "--input", dir.resolve("nope.txt").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("error: input file not found: "), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        Path empty = samples("");
        CliRun emptyRun = CliRun.ouro("metrics", "diversity", "--input", empty.toString());
        assertEquals(2, emptyRun.exitCode());
        assertTrue(emptyRun.err().contains("has no tokens"), emptyRun.err());
        assertEquals(1, emptyRun.err().strip().lines().count(), emptyRun.err());

        CliRun single = CliRun.ouro("metrics", "self-bleu", "--input", samples("just one sample\n").toString());
        assertEquals(2, single.exitCode());
        assertTrue(single.err().contains("at least 2 samples"), single.err());
    }

    @Test
    void invalidUtf8NamesTheFileAndTheByteForBothCommands() throws Exception {
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'c', 'a', 'f', (byte) 0xe9, ' ', 'a', '\n', 'b', ' ', 'c', '\n'});
        for (String command : List.of("self-bleu", "diversity")) {
            CliRun run = CliRun.ouro("metrics", command, "--input", latin1.toString());
            assertEquals(2, run.exitCode(), command + ": " + run.err());
            assertEquals("error: " + latin1 + " is not valid UTF-8 (first bad byte at offset 3); convert it to UTF-8, "
                    + "e.g. with iconv", run.err().strip(), command);
        }
    }

    @Test
    void diversityJsonAndText() throws Exception {
        Path f = samples("a b a\nb a\nc\n");
        CliRun json = CliRun.ouro("metrics", "diversity", "--input", f.toString(), "--json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode node = Json.MAPPER.readTree(json.out());
        assertEquals(0.5, node.get("distinct_1").asDouble(), 1e-15);
        assertEquals(2.0 / 3, node.get("distinct_2").asDouble(), 1e-15);
        assertEquals(3, node.get("samples").asLong());
        assertEquals(6, node.get("tokens").asLong());
        assertTrue(node.has("unigram_entropy"));
        CliRun text = CliRun.ouro("metrics", "diversity", "--input", f.toString());
        assertTrue(text.out().contains("distinct-2       0.666667"), text.out());
    }

    private static List<String> iterable(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
