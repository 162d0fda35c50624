package org.ouroboros.data.tokenize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;

class TokenizerTest {
    private static final List<String> TRAIN = List.of(
            "The jury said it did find that many of Georgia's registration laws are outmoded.",
            "It recommended that Fulton legislators act to have these laws studied and revised.",
            "Café naïve résumé — déjà vu; 東京 and 北京 are cities. Emoji: 😀😀 🎉!",
            "Numbers 1234 and 56.78, tabs\there, and   multiple   spaces.\nNew line.\n\nParagraph.");
    private static final List<String> PROBES = List.of(
            "The jury said — naïve café 😀",
            "  leading and trailing spaces  ",
            "tabs\tand\nnewlines\r\nand CRLF",
            "Ünïcödé: Ελληνικά, русский, 日本語のテキスト, עברית, 👩‍👩‍👧 family",
            "unseen words: zyzzyva quixotic xylophone 9876543210",
            "'s 're 've 'm 'll 'd don't I'll we've",
            "");

    @TempDir
    static Path dir;
    static BpeModel model;

    @BeforeAll
    static void train() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.addAll(TRAIN);
        }
        model = BpeTrainer.train(texts, 400);
        TokenizerJson.write(model, dir);
    }

    @Test
    void trainsTheRequestedVocabularyWithSpecialsFirst() {
        assertEquals(400, model.size());
        assertEquals(0, model.vocab().get("<pad>"));
        assertEquals(1, model.vocab().get("</s>"));
        assertEquals(2 + 'a', model.vocab().get("a"));
        assertEquals(400 - 258, model.merges().size());
        assertEquals(mergeStrings(model), mergeStrings(BpeTrainer.train(repeat(), 400)), "training is deterministic");
    }

    @Test
    void decodeOfEncodeIsTheIdentityOnVariedUnicode() {
        try (HfTokenizer t = HfTokenizer.load(dir)) {
            for (String s : PROBES) {
                assertEquals(s, t.decode(t.encode(s)), "round trip of: " + s);
            }
        }
    }

    @Test
    void huggingFaceGivesTheSameIdsAsOurEncoder() {
        BpeEncoder ours = new BpeEncoder(model);
        try (HfTokenizer t = HfTokenizer.load(dir.resolve("tokenizer.json"))) {
            List<String> all = new ArrayList<>(PROBES);
            all.addAll(TRAIN);
            List<int[]> batch = t.encodeAll(all);
            for (int i = 0; i < all.size(); i++) {
                assertArrayEquals(ours.encode(all.get(i)), t.encode(all.get(i)), all.get(i));
                assertArrayEquals(t.encode(all.get(i)), batch.get(i));
            }
            assertEquals(1, t.bosId());
            assertEquals(1, t.eosId());
            assertEquals(0, t.padId());
            assertEquals(400, t.vocabSize());
            assertEquals("</s>", t.decode(new int[] {1}));
            assertEquals("", t.decode(new int[] {1}, true));
        }
    }

    @Test
    void longDocumentsAreNotTruncated() {
        String longText = String.join(" ", java.util.Collections.nCopies(3000, "registration laws"));
        try (HfTokenizer t = HfTokenizer.load(dir)) {
            int[] ids = t.encode(longText);
            assertTrue(ids.length > 2400, "got " + ids.length + " tokens: DJL's 512 default must be off");
            assertEquals(longText, t.decode(ids));
        }
    }

    @Test
    void badTokenizerFilesAreClearErrors(@TempDir Path tmp) throws Exception {
        assertThrows(BadInputException.class, () -> HfTokenizer.load(tmp));
        Files.writeString(tmp.resolve("tokenizer.json"), "{ not json");
        BadInputException e = assertThrows(BadInputException.class, () -> HfTokenizer.load(tmp));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertThrows(BadInputException.class, () -> BpeTrainer.train(List.of("x"), 100));
        assertThrows(BadInputException.class, () -> BpeTrainer.train(List.of(), 300));
    }

    private static List<String> mergeStrings(BpeModel m) {
        return m.merges().stream().map(x -> x[0] + " " + x[1]).toList();
    }

    private static List<String> repeat() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.addAll(TRAIN);
        }
        return texts;
    }
}
