package org.ouroboros.data.brown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Split;

class StratifiedSplitTest {
    private static final StratifiedSplit.Fractions F = new StratifiedSplit.Fractions(80, 10, 10);

    private static List<Document> docs() {
        List<Document> out = new ArrayList<>();
        int[] sizes = {80, 44, 9, 6, 3};
        String[] genres = {"learned", "news", "humor", "science_fiction", "tiny"};
        for (int g = 0; g < sizes.length; g++) {
            for (int i = 0; i < sizes[g]; i++) {
                out.add(new Document(genres[g] + i, genres[g], "text " + i));
            }
        }
        return out;
    }

    @Test
    void isDeterministicForASeedAndDiffersAcrossSeeds() {
        Map<Split, List<Document>> a = StratifiedSplit.split(docs(), 1, F);
        Map<Split, List<Document>> b = StratifiedSplit.split(docs(), 1, F);
        Map<Split, List<Document>> c = StratifiedSplit.split(docs(), 2, F);
        assertEquals(ids(a.get(Split.TEST)), ids(b.get(Split.TEST)));
        assertNotEquals(ids(a.get(Split.TEST)), ids(c.get(Split.TEST)));
    }

    @Test
    void everyGenreIsInEverySplitInProportion() {
        Map<Split, List<Document>> s = StratifiedSplit.split(docs(), 0, F);
        for (Split split : Split.values()) {
            Set<String> genres = new HashSet<>();
            s.get(split).forEach(d -> genres.add(d.category()));
            assertEquals(5, genres.size(), split + " has " + genres);
        }
        assertEquals(8, count(s.get(Split.TEST), "learned"));
        assertEquals(64, count(s.get(Split.TRAIN), "learned"));
        assertEquals(1, count(s.get(Split.TEST), "tiny"));
        int total = s.values().stream().mapToInt(List::size).sum();
        assertEquals(142, total, "every document lands in exactly one split");
        Set<String> all = new HashSet<>();
        s.values().forEach(l -> l.forEach(d -> assertTrue(all.add(d.id()), "duplicate " + d.id())));
    }

    @Test
    void rejectsBadFractions() {
        assertThrows(BadInputException.class, () -> StratifiedSplit.Fractions.parse("80,10"));
        assertThrows(BadInputException.class, () -> StratifiedSplit.Fractions.parse("80,10,20"));
        assertThrows(BadInputException.class, () -> StratifiedSplit.Fractions.parse("a,b,c"));
        assertEquals(new StratifiedSplit.Fractions(90, 5, 5), StratifiedSplit.Fractions.parse("90, 5, 5"));
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().map(Document::id).toList();
    }

    private static long count(List<Document> docs, String genre) {
        return docs.stream().filter(d -> d.category().equals(genre)).count();
    }
}
