package org.ouroboros.data.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.corpus.Corpus;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Split;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokenize.HfTokenizer;
import org.ouroboros.data.tokenize.TokenizerJson;
import org.ouroboros.testing.Stderr;

/** The token cache is reused when intact and re-encoded, with one line saying so, when damaged. */
class TokenCacheTest {
    private static final String TEXT = "the cat sat on the mat and the dog sat on the log";
    private static final Corpus CORPUS = new Corpus("c", Map.of(Split.TRAIN, List.of(new Document("a", "x", TEXT)),
            Split.VALID, List.of(new Document("b", "x", TEXT)), Split.TEST, List.of(new Document("c", "x", TEXT))));

    private static HfTokenizer tokenizer(Path tmp) throws Exception {
        TokenizerJson.write(BpeTrainer.train(List.of(TEXT.repeat(5)), 280), tmp.resolve("tok"));
        return HfTokenizer.load(tmp.resolve("tok"));
    }

    private static Path trainFile(Path data) throws Exception {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(p -> p.getFileName().toString().equals("train.tok")).findFirst().orElseThrow();
        }
    }

    @Test
    void aDamagedTokenFileIsReencodedWithOneWarning(@TempDir Path tmp) throws Exception {
        try (HfTokenizer tok = tokenizer(tmp)) {
            Path data = tmp.resolve("data");
            Map<Split, TokenFile> first = TokenCache.encode(CORPUS, tok, data);
            assertEquals("", Stderr.of(() -> TokenCache.encode(CORPUS, tok, data)), "an intact cache: no word");
            Path train = trainFile(data);
            Files.write(train, new byte[] {1, 2, 3});
            Map<Split, TokenFile>[] again = new Map[1];
            String warning = Stderr.of(() -> again[0] = TokenCache.encode(CORPUS, tok, data));
            assertTrue(warning.startsWith("warning: the token cache " + train + " is damaged ("), warning);
            assertTrue(warning.strip().endsWith("); encoding the split again"), warning);
            assertEquals(1, warning.strip().lines().count(), warning);
            assertEquals(first.get(Split.TRAIN).docs().get(0).tokens().length,
                    again[0].get(Split.TRAIN).docs().get(0).tokens().length);
            assertEquals("", Stderr.of(() -> TokenCache.encode(CORPUS, tok, data)), "and it was written back");
        }
    }

    @Test
    void aCacheInTheOlderFormatIsReencodedWithANoteNotAWarning(@TempDir Path tmp) throws Exception {
        try (HfTokenizer tok = tokenizer(tmp)) {
            Path data = tmp.resolve("data");
            TokenCache.encode(CORPUS, tok, data);
            Path train = trainFile(data);
            byte[] bytes = Files.readAllBytes(train);
            bytes[8 + 3] = 1;                              // the version after the 8-byte magic: 2 -> 1
            Files.write(train, bytes);
            String note = Stderr.of(() -> TokenCache.encode(CORPUS, tok, data));
            assertEquals("note: token file " + train + " is in an older format (version 1; this build writes"
                    + " version 2); encoding the split again", note.strip());
            assertEquals("", Stderr.of(() -> TokenCache.encode(CORPUS, tok, data)), "and it was written back");
        }
    }

    @Test
    void aTokenChangedInPlaceIsCaughtByTheChecksum(@TempDir Path tmp) throws Exception {
        TokenFile file = new TokenFile(300, "h", List.of("x"), List.of(new TokenFile.Doc("a", 0, new int[] {5, 6, 7})));
        Path path = tmp.resolve("train.tok");
        file.write(path);
        assertArrayEquals(new int[] {5, 6, 7}, TokenFile.read(path).docs().get(0).tokens());
        byte[] bytes = Files.readAllBytes(path);
        int last = bytes.length - Long.BYTES - 1;      // low byte of the last token: 7 -> 8, still in the vocabulary
        assertEquals(7, bytes[last]);
        bytes[last] = 8;
        Files.write(path, bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> TokenFile.read(path));
        assertTrue(e.getMessage().contains(path + " is damaged: checksum mismatch"), e.getMessage());
    }
}
