package org.ouroboros.data.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Cli;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.brown.StratifiedSplit;
import org.ouroboros.data.cli.DataCommand;

class GenresTest {
    private static final StratifiedSplit.Fractions F = new StratifiedSplit.Fractions(80, 10, 10);

    /** Every Brown genre, with Brown's own text counts scaled down. */
    private static List<Document> brownLike() {
        Map<String, Integer> counts = Map.ofEntries(Map.entry("news", 9), Map.entry("editorial", 6),
                Map.entry("reviews", 4), Map.entry("religion", 4), Map.entry("hobbies", 7), Map.entry("lore", 10),
                Map.entry("belles_lettres", 15), Map.entry("government", 6), Map.entry("learned", 16),
                Map.entry("fiction", 6), Map.entry("mystery", 5), Map.entry("science_fiction", 3),
                Map.entry("adventure", 6), Map.entry("romance", 6), Map.entry("humor", 3));
        List<Document> docs = new ArrayList<>();
        counts.forEach((genre, n) -> {
            for (int i = 0; i < n; i++) {
                docs.add(new Document(genre + "-" + i, genre, genre + " text " + i));
            }
        });
        return docs;
    }

    private static Corpus corpus(List<Document> docs, long seed) {
        return new Corpus("brown", StratifiedSplit.split(docs, seed, F));
    }

    @Test
    void brownsTwoHalvesAreItsFifteenGenres() {
        Set<String> all = new HashSet<>(Genres.INFORMATIVE);
        all.addAll(Genres.IMAGINATIVE);
        assertEquals(15, all.size());
        Corpus c = corpus(brownLike(), 0);
        assertEquals(new HashSet<>(c.categories()), all);
        Corpus informative = Genres.select(c, List.of("informative"), "--genres");
        assertEquals(Set.copyOf(Genres.INFORMATIVE), Set.copyOf(informative.categories()));
        assertEquals("brown[informative]", informative.name());
        Corpus mixed = Genres.select(c, List.of("imaginative", "news"), "--genres");
        assertEquals(7, mixed.categories().size());
        assertTrue(mixed.categories().contains("news") && mixed.categories().contains("humor"));
        assertEquals(c, Genres.select(c, List.of(), "--genres"), "no selector: the whole corpus");
    }

    @Test
    void theSelectionKeepsTheStratifiedSplitOfItsOwnDocuments() {
        List<Document> docs = brownLike();
        for (long seed : new long[] {0, 7}) {
            Corpus selected = Genres.select(corpus(docs, seed), List.of("imaginative"), "--genres");
            List<Document> own = docs.stream().filter(d -> Genres.IMAGINATIVE.contains(d.category())).toList();
            assertEquals(StratifiedSplit.split(own, seed, F), selected.splits(), "seed " + seed);
            for (Split s : Split.values()) {
                assertTrue(selected.split(s).stream().anyMatch(d -> d.category().equals("science_fiction")),
                        "the 3-text minority genre is in " + s.key());
            }
        }
    }

    @Test
    void unknownOrEmptySelectionsAreOneLineErrors() {
        Corpus c = corpus(brownLike(), 0);
        BadInputException e = assertThrows(BadInputException.class,
                () -> Genres.select(c, List.of("poetry"), "config key 'corpus.genres'"));
        assertTrue(e.getMessage().startsWith("config key 'corpus.genres': unknown genre 'poetry'; expected one of "
                + "imaginative, informative, "), e.getMessage());
        Corpus tiny = new Corpus("t", Map.of(Split.TRAIN, List.of(new Document("a", "x", "a")),
                Split.VALID, List.of(new Document("b", "y", "b")), Split.TEST, List.of(new Document("c", "y", "c"))));
        e = assertThrows(BadInputException.class, () -> Genres.select(tiny, List.of("x"), "--genres"));
        assertEquals("--genres: the genres [x] leave no valid documents in t", e.getMessage());
        assertEquals(List.of("informative", "humor"), Genres.parse(" informative, humor ,"));
    }

    @Test
    void dataStatsCountsOnlyTheSelectedGenres(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("c"));
        for (String split : List.of("train", "valid", "test")) {
            StringBuilder sb = new StringBuilder();
            for (String genre : List.of("news", "news", "fiction", "humor")) {
                sb.append(Json.write(Map.of("text", "one two three", "category", genre))).append('\n');
            }
            Files.writeString(dir.resolve(split + ".jsonl"), sb.toString());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.commandLine(new DataCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("stats", "--corpus", "jsonl:" + dir, "--genres", "imaginative", "--json");
        assertEquals(ExitCode.OK, code, err.toString());
        assertTrue(out.toString().contains("\"total\":{\"documents\":6,\"words\":18"), out.toString());
        assertTrue(!out.toString().contains("news"), out.toString());
        code = Cli.commandLine(new DataCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("stats", "--corpus", "jsonl:" + dir, "--genres", "sports");
        assertEquals(ExitCode.BAD_INPUT, code);
        assertTrue(err.toString().contains("--genres: unknown genre 'sports'"), err.toString());
    }
}
