package org.ouroboros.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;

/**
 * A generation's samples as JSON Lines, {@code {"prompt": ..., "text": ..., "tokens": [...]}} (new tokens
 * only), so every metric can be recomputed from the run directory.
 */
public final class Samples {
    static final String FILE = "samples.jsonl";

    private Samples() {
    }

    /** One sample: the prompt's text, the continuation's text and its token ids. */
    public record Sample(String prompt, String text, int[] tokens) {
    }

    static void write(Path dir, List<Sample> samples) {
        AtomicFiles.write(dir.resolve(FILE), out -> {
            for (Sample s : samples) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("prompt", s.prompt());
                line.put("text", s.text());
                line.put("tokens", s.tokens());
                out.write(Json.write(line).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        });
    }

    static List<Sample> read(Path dir) {
        Path file = dir.resolve(FILE);
        List<Sample> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.MAPPER.readTree(line);
                JsonNode ids = n.get("tokens");
                int[] tokens = new int[ids.size()];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = ids.get(i).asInt();
                }
                out.add(new Sample(n.path("prompt").asText(), n.path("text").asText(), tokens));
            }
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage() + "; delete " + dir
                    + " to redo that generation");
        }
        return out;
    }
}
