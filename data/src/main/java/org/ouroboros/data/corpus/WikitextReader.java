package org.ouroboros.data.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ouroboros.cli.BadInputException;

/**
 * wikitext-2 (raw): {@code wiki.train.raw}, {@code wiki.valid.raw}, {@code wiki.test.raw}. Each article
 * begins with a top-level heading line {@code " = Title = "}; sub-headings ({@code " = = Sub = = "}) stay
 * inside the article. The text is kept exactly as in the file.
 */
public final class WikitextReader {
    private static final Pattern ARTICLE_HEADING = Pattern.compile("^ = [^=].*[^=] = $");

    private WikitextReader() {
    }

    /** True when {@code dir} holds {@code wiki.train.raw}. */
    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve("wiki.train.raw"));
    }

    public static Corpus read(Path dir) {
        Map<Split, List<Document>> splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            Path file = dir.resolve("wiki." + s.key() + ".raw");
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("wikitext directory " + dir + " lacks " + file.getFileName()
                        + " (expected wiki.train.raw, wiki.valid.raw and wiki.test.raw)");
            }
            splits.put(s, articles(TextFiles.readUtf8(file), s));
            if (splits.get(s).isEmpty()) {
                throw new BadInputException(file + " holds no text");
            }
        }
        return new Corpus("wikitext:" + dir.getFileName(), splits);
    }

    /** Splits raw wikitext into articles at top-level headings; text before the first heading is its own. */
    static List<Document> articles(String text, Split split) {
        List<Document> docs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            String bare = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
            if (ARTICLE_HEADING.matcher(bare).matches() && !current.toString().isBlank()) {
                docs.add(new Document(split.key() + "-" + docs.size(), null, current.toString()));
                current.setLength(0);
            }
            current.append(line);
        }
        if (!current.toString().isBlank()) {
            docs.add(new Document(split.key() + "-" + docs.size(), null, current.toString()));
        }
        return docs;
    }
}
