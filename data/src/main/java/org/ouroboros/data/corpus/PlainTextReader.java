package org.ouroboros.data.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ouroboros.cli.BadInputException;

/**
 * Plain UTF-8 text: {@code train.txt}, {@code valid.txt}, {@code test.txt} with one document per
 * blank-line-separated block, or directories {@code train/}, {@code valid/}, {@code test/} with one
 * document per file (sorted by name).
 */
public final class PlainTextReader {
    private PlainTextReader() {
    }

    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve("train.txt")) || Files.isDirectory(dir.resolve("train"));
    }

    public static Corpus read(Path dir) {
        Map<Split, List<Document>> splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            Path file = dir.resolve(s.key() + ".txt");
            Path folder = dir.resolve(s.key());
            List<Document> docs;
            if (Files.isRegularFile(file)) {
                docs = blocks(TextFiles.readUtf8(file), s);
            } else if (Files.isDirectory(folder)) {
                docs = files(folder, s);
            } else {
                throw new BadInputException("text corpus " + dir + " has no " + s.key() + " split (expected "
                        + s.key() + ".txt or a " + s.key() + "/ directory)");
            }
            if (docs.isEmpty()) {
                throw new BadInputException("the " + s.key() + " split of " + dir + " holds no text");
            }
            splits.put(s, docs);
        }
        return new Corpus("text:" + dir.getFileName(), splits);
    }

    static List<Document> blocks(String text, Split split) {
        List<Document> docs = new ArrayList<>();
        for (String block : text.split("\\n\\s*\\n")) {
            if (!block.isBlank()) {
                docs.add(new Document(split.key() + "-" + docs.size(), null, block.strip()));
            }
        }
        return docs;
    }

    private static List<Document> files(Path folder, Split split) {
        List<Document> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String text = TextFiles.readUtf8(f);
                if (!text.isBlank()) {
                    docs.add(new Document(split.key() + "/" + f.getFileName(), null, text));
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot list " + folder + ": " + e.getMessage());
        }
        return docs;
    }
}
