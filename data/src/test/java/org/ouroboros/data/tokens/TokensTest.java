package org.ouroboros.data.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;

class TokensTest {
    private static final TokenFile FILE = new TokenFile(70000, "abc", List.of("news", "humor"), List.of(
            new TokenFile.Doc("d1", 0, new int[] {10, 11, 12, 13, 14}),
            new TokenFile.Doc("d2", 1, new int[] {20, 21}),
            new TokenFile.Doc("d3", 0, new int[] {30, 31, 32, 65535, 69999, 35, 36})));

    @Test
    void streamBlocksConcatenateDocumentsWithBos() {
        BlockSet s = BlockSet.stream(FILE, 4, 1);
        // 1 10 11 12 | 13 14 1 20 | 21 1 30 31 | 32 65535 69999 35 | (36 dropped)
        assertEquals(4, s.size());
        assertArrayEquals(new int[] {1, 10, 11, 12}, s.block(0));
        assertArrayEquals(new int[] {13, 14, 1, 20}, s.block(1));
        assertEquals("news", s.categoryName(1), "category of the block's first token");
        assertEquals("humor", s.categoryName(2));
        assertEquals(16, s.totalTokens());
    }

    @Test
    void perDocumentBlocksKeepPartialTailsOfTwoOrMore() {
        BlockSet s = BlockSet.perDocument(FILE, 4, 1);
        // d1: 1 10 11 12 | 13 14      d2: 1 20 21      d3: 1 30 31 32 | 65535 69999 35 36
        assertEquals(5, s.size());
        assertArrayEquals(new int[] {13, 14}, s.block(1));
        assertArrayEquals(new int[] {1, 20, 21}, s.block(2));
        assertEquals("humor", s.categoryName(2));
        BlockSet one = BlockSet.perDocument(new TokenFile(50, "h", List.of("all"),
                List.of(new TokenFile.Doc("x", 0, new int[] {5, 6, 7, 8}))), 4, 1);
        assertEquals(1, one.size(), "a 1-token remainder predicts nothing and is dropped");
    }

    @Test
    void cutCoversASequenceWithAPartialTailOfTwoOrMore() {
        List<int[]> b = BlockSet.cut(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 4);
        assertEquals(3, b.size());
        assertArrayEquals(new int[] {9, 10}, b.get(2));
        assertEquals(1, BlockSet.cut(new int[] {1, 2, 3, 4, 5}, 4).size(), "a 1-token tail predicts nothing");
    }

    @Test
    void epochOrderIsASeededPermutationThatChangesPerEpoch() {
        BlockSet s = BlockSet.stream(FILE, 2, 1);
        int[] a = s.epochOrder(7, 0);
        assertArrayEquals(a, s.epochOrder(7, 0));
        assertNotEquals(Arrays.toString(a), Arrays.toString(s.epochOrder(7, 1)));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        assertEquals(3, s.sample(3, 1).size());
    }

    @Test
    void tokenFilesRoundTripAndCorruptionIsDetected(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("train.tok");
        FILE.write(f);
        TokenFile back = TokenFile.read(f);
        assertEquals(FILE.categories(), back.categories());
        assertEquals(3, back.docs().size());
        assertArrayEquals(FILE.docs().get(2).tokens(), back.docs().get(2).tokens());
        TokenFile small = new TokenFile(300, "h", List.of("all"), List.of(new TokenFile.Doc("x", 0, new int[] {299, 0})));
        small.write(tmp.resolve("small.tok"));
        assertTrue(Files.size(tmp.resolve("small.tok")) < Files.size(f), "16-bit tokens for small vocabularies");

        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(bytes, bytes.length - 3));
        BadInputException e = assertThrows(BadInputException.class, () -> TokenFile.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.writeString(f, "NOTATOKENFILE");
        assertTrue(assertThrows(BadInputException.class, () -> TokenFile.read(f)).getMessage().contains("magic"));
    }
}
