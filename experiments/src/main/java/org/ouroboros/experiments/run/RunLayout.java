package org.ouroboros.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.config.ExperimentConfig;
import org.ouroboros.experiments.config.ExperimentConfigs;
import org.ouroboros.io.AtomicFiles;

/**
 * Where a run keeps its files:
 * <pre>
 * RUN_DIR/config.resolved.yaml, run.json (config hash), tokenizer/, metrics.csv, category_perplexity.csv,
 *         sequence_perplexity.csv, timings.csv, report/
 * RUN_DIR/seed-S/gen-0/                 generation 0 (real data), shared by every regime
 * RUN_DIR/seed-S/REGIME/gen-N/          generation N >= 1: record.json, samples.jsonl, model/ (when kept)
 * </pre>
 * Every generation directory is written whole and renamed into place, so it either exists complete or
 * not at all; a re-run resumes at the first generation that does not exist.
 */
public record RunLayout(Path root) {
    static final String RUN_FILE = "run.json";

    /** Creates or re-opens a run directory; a different config there is refused unless {@code forceNew}. */
    public static RunLayout open(Path root, ExperimentConfig config, boolean forceNew) {
        return open(root, config, forceNew, Map.of());
    }

    /**
     * As {@link #open(Path, ExperimentConfig, boolean)}, recording {@code engine} (the engine, device and why,
     * of this invocation) in run.json; a resumed run records the engine it resumed on.
     */
    public static RunLayout open(Path root, ExperimentConfig config, boolean forceNew, Map<String, Object> engine) {
        return open(root, config, forceNew, false, engine);
    }

    /** As above; with {@code extend} a run whose config differs only by more generations or seeds continues. */
    public static RunLayout open(Path root, ExperimentConfig config, boolean forceNew, boolean extend,
                                 Map<String, Object> engine) {
        RunLayout layout = new RunLayout(root.toAbsolutePath());
        String hash = ExperimentConfigs.hash(config);
        Path runFile = layout.root().resolve(RUN_FILE);
        List<Object> extensions = new ArrayList<>(RunExtension.history(runFile));
        if (Files.exists(runFile)) {
            String existing = readHash(runFile);
            if (!hash.equals(existing)) {
                if (extend) {
                    extensions.add(RunExtension.check(layout.root(), config));
                } else if (!forceNew) {
                    throw new BadInputException("run directory " + root + " holds a run of a different config (hash "
                            + existing.substring(0, Math.min(12, existing.length())) + "..., this config "
                            + hash.substring(0, 12) + "...); use another --out, or --force-new to move the old run "
                            + "aside and start again"
                            + (RunExtension.wouldExtend(layout.root(), config) ? ", or --extend to continue it to this"
                            + " config's generations and seeds" : ""));
                } else {
                    layout.moveAside();
                    extensions.clear();
                }
            }
        }
        AtomicFiles.writeString(layout.root().resolve("config.resolved.yaml"), RunExtension.comment(extensions)
                + ExperimentConfigs.toYaml(config));
        String created = Files.exists(runFile) ? readField(runFile, "created") : Instant.now().toString();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("config_sha256", hash);
        run.put("created", created);
        if (!extensions.isEmpty()) {
            run.put(RunExtension.FIELD, extensions);
        }
        run.putAll(engine);
        AtomicFiles.writeString(runFile, Json.writePretty(run));
        return layout;
    }

    /**
     * Re-opens the run directory of {@code config} without writing to it (a sweep's task: only the merge
     * writes top-level files); it is created as {@link #open} does when it holds no run yet.
     */
    public static RunLayout existing(Path root, ExperimentConfig config) {
        Path runFile = root.toAbsolutePath().resolve(RUN_FILE);
        if (!Files.exists(runFile)) {
            return open(root, config, false);
        }
        String hash = ExperimentConfigs.hash(config);
        String found = readHash(runFile);
        if (!hash.equals(found)) {
            throw new BadInputException("run directory " + root + " holds a run of a different config (hash "
                    + found.substring(0, Math.min(12, found.length())) + "..., this config " + hash.substring(0, 12)
                    + "...); a task must be given the config of its sweep");
        }
        return new RunLayout(root.toAbsolutePath());
    }

    private static String readHash(Path runFile) {
        return readField(runFile, "config_sha256");
    }

    private static String readField(Path runFile, String field) {
        try {
            return Json.MAPPER.readTree(runFile.toFile()).path(field).asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private void moveAside() {
        Path aside = root.resolveSibling(root.getFileName() + ".replaced-" + Instant.now().toEpochMilli());
        try {
            Files.move(root, aside);
            System.err.println("--force-new: moved the run of another config from " + root + " to " + aside);
        } catch (IOException e) {
            throw new BadInputException("cannot move the old run " + root + " aside: " + e.getMessage());
        }
    }

    public Path generationDir(long seed, String regime, int generation) {
        Path seedDir = root.resolve("seed-" + seed);
        return generation == 0 ? seedDir.resolve("gen-0") : seedDir.resolve(regime).resolve("gen-" + generation);
    }

    public Path file(String name) {
        return root.resolve(name);
    }
}
