package org.ouroboros.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;

/**
 * {@code run --extend}: a run continues to more generations and more seeds when nothing else in its config
 * changed. Every generation depends only on its seed, regime, generation number and the generations before
 * it, so the extended run's results equal those of a run that had the larger numbers from the start. The
 * extension is recorded in run.json ({@code extended}) and as a comment atop config.resolved.yaml.
 */
final class RunExtension {
    static final String FIELD = "extended";
    private static final List<String> EXTENSIBLE = List.of("generations", "seeds");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RunExtension() {
    }

    /**
     * The run.json entry for extending the run in {@code runDir} to {@code config}, or a BadInputException
     * naming what stops it (fewer generations, a dropped seed, another key that changed).
     */
    static Map<String, Object> check(Path runDir, ExperimentConfig config) {
        ExperimentConfig old = ExperimentConfigs.load(runDir.resolve("config.resolved.yaml"));
        List<String> changed = changedKeys(old, config);
        if (!changed.isEmpty()) {
            throw new BadInputException("--extend: the run in " + runDir + " differs from this config in "
                    + String.join(", ", changed) + "; only generations and seeds may grow (use another --out, or"
                    + " --force-new to start again)");
        }
        if (config.generations() < old.generations()) {
            throw new BadInputException("--extend: generations must not shrink: the run in " + runDir + " has "
                    + old.generations() + ", this config " + config.generations());
        }
        List<Long> dropped = old.seeds().stream().filter(s -> !config.seeds().contains(s)).toList();
        if (!dropped.isEmpty()) {
            throw new BadInputException("--extend: seeds must keep the run's seeds " + old.seeds() + "; this config "
                    + "drops " + dropped);
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", Instant.now().toString());
        entry.put("generations", List.of(old.generations(), config.generations()));
        entry.put("seeds", List.of(old.seeds(), config.seeds()));
        return entry;
    }

    /** Whether {@code config} differs from the run's only by more generations or seeds (so --extend would do). */
    static boolean wouldExtend(Path runDir, ExperimentConfig config) {
        try {
            check(runDir, config);
            return true;
        } catch (BadInputException e) {
            return false;
        }
    }

    /** Keys (dotted paths) whose values differ between two configs, generations and seeds left out. */
    static List<String> changedKeys(ExperimentConfig a, ExperimentConfig b) {
        ObjectNode x = tree(a);
        ObjectNode y = tree(b);
        EXTENSIBLE.forEach(k -> {
            x.remove(k);
            y.remove(k);
        });
        List<String> out = new ArrayList<>();
        diff("", x, y, out);
        return out;
    }

    private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                if (!names.contains(n)) {
                    names.add(n);
                }
            }
            for (String n : names) {
                diff(path.isEmpty() ? n : path + "." + n, a.path(n), b.path(n), out);
            }
        } else if (!a.equals(b)) {
            out.add(path + " (" + a + " -> " + b + ")");
        }
    }

    private static ObjectNode tree(ExperimentConfig c) {
        try {
            return (ObjectNode) YAML.readTree(ExperimentConfigs.toYaml(c));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The extensions run.json records so far (kept when run.json is rewritten). */
    static List<JsonNode> history(Path runFile) {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(runFile)) {
            try {
                Json.MAPPER.readTree(runFile.toFile()).path(FIELD).forEach(out::add);
            } catch (IOException e) {
                return out;
            }
        }
        return out;
    }

    /** Comment lines for config.resolved.yaml, one per extension: "# extended ...: generations 2 -> 3, ...". */
    static String comment(List<?> history) {
        StringBuilder sb = new StringBuilder();
        for (Object o : history) {
            JsonNode e = Json.MAPPER.valueToTree(o);
            sb.append("# extended with run --extend at ").append(e.path("at").asText()).append(": generations ")
                    .append(e.path("generations").path(0)).append(" -> ").append(e.path("generations").path(1))
                    .append(", seeds ").append(e.path("seeds").path(0)).append(" -> ").append(e.path("seeds").path(1))
                    .append('\n');
        }
        return sb.toString();
    }
}
