package org.ouroboros.data.corpus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.ouroboros.cli.BadInputException;

/**
 * A corpus selector: the documents of some genres (categories) only. Names are category names or Brown's
 * own two halves, {@code informative} (genres A-J: news, editorial, reviews, religion, hobbies, lore,
 * belles_lettres, government, learned) and {@code imaginative} (K-R: fiction, mystery, science_fiction,
 * adventure, romance, humor). Brown's split is stratified by genre, each genre shuffled on its own, so the
 * selected documents keep the split they have in the whole corpus, which is the stratified split of the
 * selection itself.
 */
public final class Genres {
    /** Brown's informative prose (categories A-J). */
    public static final List<String> INFORMATIVE = List.of("news", "editorial", "reviews", "religion", "hobbies",
            "lore", "belles_lettres", "government", "learned");
    /** Brown's imaginative prose (categories K-R). */
    public static final List<String> IMAGINATIVE = List.of("fiction", "mystery", "science_fiction", "adventure",
            "romance", "humor");
    /** Names that stand for several genres. */
    public static final Map<String, List<String>> GROUPS = Map.of("informative", INFORMATIVE,
            "imaginative", IMAGINATIVE);

    private Genres() {
    }

    /** Splits {@code "informative,humor"} (an option's value) into names; blank gives an empty list. */
    public static List<String> parse(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated != null) {
            for (String s : commaSeparated.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    /**
     * The corpus restricted to {@code names} (empty = the whole corpus). {@code what} names the option or
     * config key in errors. The selection's name is {@code corpus[names]}.
     */
    public static Corpus select(Corpus corpus, List<String> names, String what) {
        if (names == null || names.isEmpty()) {
            return corpus;
        }
        Set<String> wanted = expand(names, corpus.categories(), what);
        Map<Split, List<Document>> splits = new java.util.EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<Document> kept = corpus.split(s).stream().filter(d -> wanted.contains(d.category())).toList();
            if (kept.isEmpty()) {
                throw new BadInputException(what + ": the genres " + names + " leave no " + s.key()
                        + " documents in " + corpus.name());
            }
            splits.put(s, kept);
        }
        return new Corpus(corpus.name() + "[" + String.join(",", names) + "]", splits);
    }

    /** The category names {@code names} stand for; an unknown name is a {@link BadInputException}. */
    public static Set<String> expand(List<String> names, List<String> available, String what) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            List<String> group = GROUPS.get(n);
            if (group != null) {
                out.addAll(group);
            } else if (available.contains(n)) {
                out.add(n);
            } else {
                Set<String> known = new LinkedHashSet<>(GROUPS.keySet().stream().sorted().toList());
                known.addAll(available);
                throw new BadInputException(what + ": unknown genre '" + n + "'; expected one of "
                        + String.join(", ", known));
            }
        }
        return out;
    }
}
