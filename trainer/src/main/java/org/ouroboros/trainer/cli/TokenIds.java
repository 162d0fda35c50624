package org.ouroboros.trainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;

/** Reads token ids given as JSON: one array {@code [1, 2, 3]} or an array of arrays. */
final class TokenIds {
    private TokenIds() {
    }

    /** Every sequence in the file, each id checked against the vocabulary. */
    static List<int[]> read(Path file, int vocabSize) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + " is not JSON: " + e.getMessage().split("\n")[0]);
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new BadInputException(file + ": expected a JSON array of token ids (or an array of such arrays)");
        }
        List<int[]> out = new ArrayList<>();
        if (node.get(0).isArray()) {
            for (JsonNode row : node) {
                out.add(ids(row, file, vocabSize));
            }
        } else {
            out.add(ids(node, file, vocabSize));
        }
        return out;
    }

    private static int[] ids(JsonNode array, Path file, int vocabSize) {
        if (!array.isArray() || array.isEmpty()) {
            throw new BadInputException(file + ": every sequence must be a non-empty array of token ids");
        }
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode v = array.get(i);
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() >= vocabSize) {
                throw new BadInputException(file + ": token id " + v + " at position " + i
                        + " is not an integer in [0, " + vocabSize + ")");
            }
            ids[i] = v.asInt();
        }
        return ids;
    }
}
