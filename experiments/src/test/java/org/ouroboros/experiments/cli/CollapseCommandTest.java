package org.ouroboros.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Json;

class CollapseCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonGivesCompressionZipfAndTailMassAgainstTheReference() throws Exception {
        Path in = dir.resolve("samples.txt");
        Files.writeString(in, "the the the cat\nthe cat sat\n");
        Path ref = dir.resolve("real.txt");
        Files.writeString(ref, "the cat sat on a mat\nthe dog sat\n");
        CliRun run = CliRun.ouro("metrics", "collapse", "--input", in.toString(), "--reference", ref.toString(),
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode j = Json.MAPPER.readTree(run.out());
        // input tokens: the x4, cat x2, sat x1; reference counts the 2, cat 1, sat 2: all <= 5
        assertEquals(1.0, j.get("tail_mass_5").asDouble(), 0.0);
        assertEquals(1.0, j.get("reference_tail_mass_5").asDouble(), 0.0);
        assertEquals(7, j.get("tokens").asLong());
        // counts 4, 2 (the hapax 'sat' is outside the fit): slope of ln 4 -> ln 2 over ln 1 -> ln 2 is -1
        assertEquals(1.0, j.get("zipf_alpha").asDouble(), 1e-12);
        assertEquals(org.ouroboros.experiments.metrics.CompressionRatio.of(java.util.List.of("the the the cat",
                "the cat sat")), j.get("compression_ratio").asDouble(), 0.0);
    }

    @Test
    void withoutAReferenceTheTailMassIsLeftOut() throws Exception {
        Path in = dir.resolve("samples.txt");
        Files.writeString(in, "a b c a b a\n");
        CliRun run = CliRun.ouro("metrics", "collapse", "--input", in.toString(), "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(Json.MAPPER.readTree(run.out()).has("tail_mass_5"), run.out());
        CliRun missing = CliRun.ouro("metrics", "collapse", "--input", in.toString(), "--reference",
                dir.resolve("none.txt").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("error: input file not found: "), missing.err());
    }
}
