package org.ouroboros.data.corpus;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ouroboros.cli.BadInputException;

/** A named corpus split into train, valid and test documents. */
public record Corpus(String name, Map<Split, List<Document>> splits) {
    public Corpus {
        Map<Split, List<Document>> copy = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            List<Document> docs = splits.get(s);
            if (docs == null || docs.isEmpty()) {
                throw new BadInputException("corpus " + name + " has no " + s.key() + " documents");
            }
            copy.put(s, List.copyOf(docs));
        }
        splits = copy;
    }

    public List<Document> split(Split s) {
        return splits.get(s);
    }

    /** Category names over all splits, sorted. */
    public List<String> categories() {
        TreeSet<String> names = new TreeSet<>();
        splits.values().forEach(docs -> docs.forEach(d -> names.add(d.category())));
        return List.copyOf(names);
    }
}
