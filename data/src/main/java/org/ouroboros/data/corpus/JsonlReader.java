package org.ouroboros.data.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;

/**
 * JSON Lines: {@code train.jsonl}, {@code valid.jsonl}, {@code test.jsonl}, one
 * {@code {"text": ..., "category": ..., "id": ...}} per line ({@code category} and {@code id} optional).
 */
public final class JsonlReader {
    private JsonlReader() {
    }

    public static boolean looksLike(Path dir) {
        return Files.isRegularFile(dir.resolve("train.jsonl"));
    }

    public static Corpus read(Path dir) {
        Map<Split, List<Document>> splits = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            Path file = dir.resolve(s.key() + ".jsonl");
            if (!Files.isRegularFile(file)) {
                throw new BadInputException("JSONL corpus " + dir + " lacks " + file.getFileName());
            }
            splits.put(s, read(file, s.key()));
        }
        return new Corpus("jsonl:" + dir.getFileName(), splits);
    }

    /** Documents of one JSONL file; ids default to {@code <prefix>-<line>}. */
    public static List<Document> read(Path file, String idPrefix) {
        String[] lines = TextFiles.readUtf8(file).split("\n");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(lines[i]);
            } catch (Exception e) {
                throw new BadInputException(file + " line " + (i + 1) + " is not JSON: " + e.getMessage().split("\n")[0]);
            }
            if (node == null || !node.isObject() || !node.hasNonNull("text") || !node.get("text").isTextual()) {
                throw new BadInputException(file + " line " + (i + 1) + ": expected an object with a \"text\" string");
            }
            String id = node.hasNonNull("id") ? node.get("id").asText() : idPrefix + "-" + (i + 1);
            String category = node.hasNonNull("category") ? node.get("category").asText() : null;
            docs.add(new Document(id, category, node.get("text").asText()));
        }
        if (docs.isEmpty()) {
            throw new BadInputException(file + " holds no documents");
        }
        return docs;
    }
}
