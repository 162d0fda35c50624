package org.ouroboros.trainer.checkpoint;

import org.ouroboros.io.Hashing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;

class ProvenanceTest {
    @TempDir
    Path tmp;

    @Test
    void captureRecordsHashVersionsAndTime() {
        Instant before = Instant.now().minusSeconds(1);
        Provenance p = Provenance.capture(42, "model: tiny\nseed: 42\n", "CPU",
                List.of(DataManifestEntry.ofDescription("gen1", "samples of generation 0, seed 42", 3, 96)),
                List.of("ouro", "train", "--seed", "42"));
        assertEquals(Hashing.sha256Hex("model: tiny\nseed: 42\n"), p.configSha256());
        assertTrue(p.javaVersion().startsWith(Runtime.version().toString()), p.javaVersion());
        assertTrue(p.nd4jVersion().matches("\\d+\\.\\d+\\.\\d+.*"),
                "nd4j-api is on the class path: " + p.nd4jVersion());
        Instant created = Instant.parse(p.created());
        assertTrue(!created.isBefore(before) && created.isBefore(Instant.now().plusSeconds(1)), p.created());
        assertTrue(p.created().endsWith("Z"), "UTC");
        assertFalse(p.gitCommit().isBlank());
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        Provenance p = new Provenance(7, Hashing.sha256Hex("c"), "abc-dirty", "17", "1.0.0-M2.1", "CUDA",
                List.of(DataManifestEntry.ofHash("brown", Hashing.sha256Hex("b"), 100, 6400),
                        DataManifestEntry.ofDescription("synthetic", "generation 1 samples", 50, 3200)),
                List.of("ouro", "train"), "2025-01-31T12:00:00.123Z", Map.of("generation", 1))
                .withExtra(Map.of("mix", Map.of("real", 0.1, "synthetic", 0.9), "note", "x"));
        Path file = tmp.resolve("provenance.json");
        p.write(file);
        assertEquals(p, Provenance.read(file));
        assertEquals(Map.of("real", 0.1, "synthetic", 0.9), Provenance.read(file).extra().get("mix"));
    }

    @Test
    void malformedProvenanceIsBadInput() throws IOException {
        Path file = Files.writeString(tmp.resolve("provenance.json"), "{\"seed\": \"x\"}");
        BadInputException e = assertThrows(BadInputException.class, () -> Provenance.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not a valid provenance record"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataManifestEntry("d", null, null, 1, 1));
        Provenance later = Provenance.parse(Json.write(Map.of("seed", 1, "config_sha256", "c", "git_commit", "g",
                "java_version", "j", "nd4j_version", "n", "backend", "CPU", "created", "2025-01-01T00:00:00Z",
                "field_from_a_later_version", true)), "p");
        assertEquals("CPU", later.backend());
        assertThrows(IllegalArgumentException.class, () -> DataManifestEntry.ofHash("d", "ABC", 1, 1));
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                "-c", "commit.gpgsign=false", "-C", dir.toString()));
        full.addAll(List.of(command));
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    @Test
    void gitCommitIsHeadThenDirtyThenUnknownOutsideARepository() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        run(repo, "init", "-q");
        Files.writeString(repo.resolve("a.txt"), "a");
        run(repo, "add", "a.txt");
        run(repo, "commit", "-q", "-m", "first");
        String head = run(repo, "rev-parse", "HEAD");
        assertEquals(40, head.length());

        assertEquals(head, GitCommit.describe(repo));
        assertEquals(head, GitCommit.describe(Files.createDirectories(repo.resolve("sub"))), "from a subdirectory");
        Files.writeString(repo.resolve("a.txt"), "changed");
        assertEquals(head + "-dirty", GitCommit.describe(repo));

        Path notARepo = Files.createDirectories(tmp.resolve("plain"));
        assertEquals(GitCommit.UNKNOWN, GitCommit.describe(notARepo));
        assertNotEquals(GitCommit.UNKNOWN, head);
    }

    @Test
    void sha256MatchesPublishedTestVectorsForStringsBytesAndFiles() throws IOException {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // FIPS 180-2 example
        String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertEquals(abc, Hashing.sha256Hex("abc"));
        assertEquals(empty, Hashing.sha256Hex(new byte[0]));
        assertEquals(abc, Hashing.sha256Hex(Files.writeString(tmp.resolve("abc.txt"), "abc")));

        byte[] big = new byte[(3 << 20) + 5]; // spans several read buffers
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        assertEquals(Hashing.sha256Hex(big), Hashing.sha256Hex(Files.write(tmp.resolve("big.bin"), big)));
    }
}
