package org.ouroboros.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ouroboros.cli.Json;

/**
 * Example continuations for the report: the same few prompts (real training blocks; every generation
 * continues the same ones) as continued by generation 0 and by each regime's last generation of the
 * first seed, read from the runs' {@code samples.jsonl}. A reader sees at once whether beam text is text.
 */
final class ExampleContinuations {
    /** Examples shown. */
    static final int COUNT = 3;
    /** Characters of the prompt's end shown. */
    static final int PROMPT_TAIL = 220;

    private ExampleContinuations() {
    }

    /** Header: "prompt (end)", then one column per source. */
    record Table(List<String> header, List<List<String>> rows) {
    }

    /** The table, or null when the run has no samples. */
    static Table of(Path runDir, List<String> regimes) {
        Path seedDir = firstSeedDir(runDir);
        if (seedDir == null) {
            return null;
        }
        List<String> header = new ArrayList<>(List.of("prompt (its end)", "generation 0 (real-data model)"));
        List<List<String[]>> columns = new ArrayList<>();
        List<String[]> zero = read(seedDir.resolve("gen-0").resolve("samples.jsonl"));
        if (zero.isEmpty()) {
            return null;
        }
        columns.add(zero);
        for (String regime : regimes) {
            Path last = lastGeneration(seedDir.resolve(regime));
            if (last != null) {
                List<String[]> s = read(last.resolve("samples.jsonl"));
                if (!s.isEmpty()) {
                    header.add(regime + ", " + last.getFileName().toString().replace("gen-", "generation "));
                    columns.add(s);
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(COUNT, zero.size()); i++) {
            String prompt = zero.get(i)[0].strip();
            List<String> row = new ArrayList<>(List.of(prompt.length() > PROMPT_TAIL
                    ? "..." + prompt.substring(prompt.length() - PROMPT_TAIL) : prompt));
            for (List<String[]> c : columns) {
                row.add(i < c.size() ? c.get(i)[1] : "");
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static Path firstSeedDir(Path runDir) {
        try (Stream<Path> dirs = Files.list(runDir)) {
            return dirs.filter(p -> p.getFileName().toString().matches("seed-\\d+") && Files.isDirectory(p))
                    .min((x, y) -> Long.compare(seedOf(x), seedOf(y))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static long seedOf(Path p) {
        return Long.parseLong(p.getFileName().toString().substring(5));
    }

    private static Path lastGeneration(Path regimeDir) {
        if (!Files.isDirectory(regimeDir)) {
            return null;
        }
        try (Stream<Path> dirs = Files.list(regimeDir)) {
            return dirs.filter(p -> p.getFileName().toString().matches("gen-\\d+")
                            && Files.isRegularFile(p.resolve("samples.jsonl")))
                    .max((x, y) -> Integer.compare(gen(x), gen(y))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int gen(Path p) {
        return Integer.parseInt(p.getFileName().toString().substring(4));
    }

    /** The first {@link #COUNT} samples as {prompt, text}; empty when unreadable. */
    private static List<String[]> read(Path file) {
        List<String[]> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while (out.size() < COUNT && (line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = Json.MAPPER.readTree(line);
                    out.add(new String[] {n.path("prompt").asText(), n.path("text").asText()});
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }
}
