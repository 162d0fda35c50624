package org.ouroboros.experiments.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.ouroboros.cli.Json;

/**
 * A JSONL corpus with Brown genre names and a domain shift like Brown's: two informative genres (news,
 * learned) and three imaginative ones (fiction, romance and a minority, humor), each genre with its own
 * words and a shared core, written as short sentences so a tiny model can learn something.
 */
final class PaperCorpus {
    private static final String[] CORE = {"the", "a", "and", "of", "to", "was", "in", "it", "that", "is"};
    private static final Map<String, String[]> WORDS = Map.of(
            "news", new String[] {"jury", "said", "city", "vote", "mayor", "election", "court", "county", "tax"},
            "learned", new String[] {"theory", "data", "measured", "results", "method", "analysis", "sample"},
            "fiction", new String[] {"she", "looked", "door", "night", "dark", "smiled", "house", "garden"},
            "romance", new String[] {"love", "heart", "kissed", "dance", "letter", "waited", "dress", "tears"},
            "humor", new String[] {"joke", "laughed", "silly", "hat", "dog", "pie", "slipped", "clown"});

    private PaperCorpus() {
    }

    /** Writes train/valid/test JSONL into {@code dir}; documents per genre per split as given. */
    static Path write(Path dir, int wordsPerDocument) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(11);
        Map<String, Integer> trainDocs = Map.of("news", 6, "learned", 6, "fiction", 5, "romance", 5, "humor", 2);
        for (String split : new String[] {"train", "valid", "test"}) {
            StringBuilder sb = new StringBuilder();
            for (String genre : new String[] {"news", "learned", "fiction", "romance", "humor"}) {
                int docs = split.equals("train") ? trainDocs.get(genre) : 1;
                for (int d = 0; d < docs; d++) {
                    sb.append(Json.write(Map.of("text", text(WORDS.get(genre), wordsPerDocument, rng),
                            "category", genre))).append('\n');
                }
            }
            Files.writeString(dir.resolve(split + ".jsonl"), sb.toString());
        }
        return dir;
    }

    private static String text(String[] own, int words, SplittableRandom rng) {
        StringBuilder t = new StringBuilder();
        for (int w = 0; w < words; w++) {
            String[] pool = rng.nextInt(3) == 0 ? CORE : own;
            t.append(pool[rng.nextInt(pool.length)]).append(w % 9 == 8 ? ". " : " ");
        }
        return t.toString().strip();
    }
}
