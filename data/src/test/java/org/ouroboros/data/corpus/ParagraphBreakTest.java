package org.ouroboros.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
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
import org.ouroboros.data.brown.BrownParser;
import org.ouroboros.data.tokenize.BpeTrainer;
import org.ouroboros.data.tokenize.HfTokenizer;
import org.ouroboros.data.tokenize.TokenizerJson;
import org.ouroboros.data.tokens.TokenCache;
import org.ouroboros.data.tokens.TokenFile;

/** The paragraph separator reaches the text, names the corpus apart, keys the token cache apart. */
class ParagraphBreakTest {
    /** Two Brown paragraphs in the tagged format, parsed as the corpus is. */
    private static final String TEXT = BrownParser.toText("\tThe/at jury/nn said/vbd ./.\n\n"
            + "\tIt/pps was/bedz late/jj ./.\n\tThe/at end/nn ./.\n");

    private static Corpus corpus() {
        return new Corpus("brown", Map.of(Split.TRAIN, List.of(new Document("a", "news", TEXT)),
                Split.VALID, List.of(new Document("b", "news", TEXT)), Split.TEST, List.of(new Document("c", "news", TEXT))));
    }

    @Test
    void theSeparatorReplacesEveryBlankLineOfBrownText() {
        assertEquals("The jury said.\n\nIt was late.\n\nThe end.", TEXT, "the parser's own form");
        Corpus c = corpus();
        assertSame(c, ParagraphBreak.of("\n\n", "k").apply(c), "the default leaves the corpus as it is");
        assertSame(ParagraphBreak.BLANK_LINE, ParagraphBreak.of(null, "k"));
        Corpus newline = ParagraphBreak.of("\n", "k").apply(c);
        for (Split s : Split.values()) {
            assertEquals("The jury said.\nIt was late.\nThe end.", newline.split(s).get(0).text());
            assertEquals(c.split(s).get(0).id(), newline.split(s).get(0).id());
            assertEquals("news", newline.split(s).get(0).category());
        }
        assertEquals("brown(paragraph_break=newline)", newline.name());
        assertEquals("The jury said. It was late. The end.", ParagraphBreak.SPACE.apply(c).split(Split.TEST).get(0).text());
    }

    @Test
    void eachFormHasItsOwnTokenCache(@TempDir Path tmp) throws Exception {
        TokenizerJson.write(BpeTrainer.train(List.of(TEXT.repeat(5)), 280), tmp.resolve("tok"));
        Path data = tmp.resolve("data");
        try (HfTokenizer tok = HfTokenizer.load(tmp.resolve("tok"))) {
            Map<Split, TokenFile> blank = TokenCache.encode(corpus(), tok, data);
            Map<Split, TokenFile> newline = TokenCache.encode(ParagraphBreak.NEWLINE.apply(corpus()), tok, data);
            assertNotEquals(TokenCache.contentHash(corpus()), TokenCache.contentHash(ParagraphBreak.NEWLINE.apply(corpus())));
            int nl = tok.encode("\n")[0];
            assertEquals(4, count(blank.get(Split.TRAIN).docs().get(0).tokens(), nl), "two newline tokens a break");
            assertEquals(2, count(newline.get(Split.TRAIN).docs().get(0).tokens(), nl), "one newline token a break");
            try (Stream<Path> dirs = Files.list(data.resolve("tokens"))) {
                List<String> names = dirs.map(p -> p.getFileName().toString()).sorted().toList();
                assertEquals(2, names.size(), names.toString());
                assertTrue(names.get(1).startsWith("brown_paragraph_break_newline_-"), names.toString());
            }
            Map<Split, TokenFile> again = TokenCache.encode(ParagraphBreak.NEWLINE.apply(corpus()), tok, data);
            assertEquals(2, count(again.get(Split.TRAIN).docs().get(0).tokens(), nl), "a reread keeps its form");
        }
    }

    @Test
    void anotherSeparatorIsRejectedNamingTheKey() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ParagraphBreak.of("\t", "config key 'corpus.paragraph_break'"));
        assertEquals("config key 'corpus.paragraph_break': must be one of \"\\n\\n\", \"\\n\", \" \", got \"\\t\"",
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertThrows(BadInputException.class, () -> ParagraphBreak.of("", "k"));
    }

    private static int count(int[] tokens, int id) {
        int n = 0;
        for (int t : tokens) {
            n += t == id ? 1 : 0;
        }
        return n;
    }
}
