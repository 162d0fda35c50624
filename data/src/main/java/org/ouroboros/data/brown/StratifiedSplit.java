package org.ouroboros.data.brown;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.data.corpus.Document;
import org.ouroboros.data.corpus.Split;

/**
 * Splits documents into train/valid/test by document, separately within each category so every genre
 * keeps its share, deterministically for a seed. A category of at least 3 documents gets at least one in
 * valid and in test.
 */
public final class StratifiedSplit {
    private StratifiedSplit() {
    }

    /** Percentages of train, valid and test; they must sum to 100. */
    public record Fractions(int train, int valid, int test) {
        public Fractions {
            if (train <= 0 || valid < 0 || test < 0 || train + valid + test != 100) {
                throw new BadInputException("split percentages must be train > 0, valid >= 0, test >= 0 summing to "
                        + "100, got " + train + "," + valid + "," + test);
            }
        }

        /** Parses {@code "80,10,10"}. */
        public static Fractions parse(String s) {
            String[] p = s.split(",");
            if (p.length != 3) {
                throw new BadInputException("--split takes three percentages like 80,10,10, got '" + s + "'");
            }
            try {
                return new Fractions(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                        Integer.parseInt(p[2].trim()));
            } catch (NumberFormatException e) {
                throw new BadInputException("--split takes three whole percentages like 80,10,10, got '" + s + "'");
            }
        }

        @Override
        public String toString() {
            return train + "," + valid + "," + test;
        }
    }

    public static Map<Split, List<Document>> split(List<Document> docs, long seed, Fractions f) {
        Map<String, List<Document>> byCategory = new TreeMap<>();
        for (Document d : docs) {
            byCategory.computeIfAbsent(d.category(), k -> new ArrayList<>()).add(d);
        }
        Map<Split, List<Document>> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            out.put(s, new ArrayList<>());
        }
        for (Map.Entry<String, List<Document>> e : byCategory.entrySet()) {
            List<Document> group = new ArrayList<>(e.getValue());
            group.sort(Comparator.comparing(Document::id));
            shuffle(group, new SplittableRandom(seed * 1_000_003L + e.getKey().hashCode()));
            int n = group.size();
            int valid = (int) Math.round(n * f.valid() / 100.0);
            int test = (int) Math.round(n * f.test() / 100.0);
            if (n >= 3) {
                valid = Math.max(valid, f.valid() > 0 ? 1 : 0);
                test = Math.max(test, f.test() > 0 ? 1 : 0);
            }
            out.get(Split.VALID).addAll(group.subList(0, valid));
            out.get(Split.TEST).addAll(group.subList(valid, valid + test));
            out.get(Split.TRAIN).addAll(group.subList(valid + test, n));
        }
        out.values().forEach(list -> list.sort(Comparator.comparing(Document::id)));
        return out;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
