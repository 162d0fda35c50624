package org.ouroboros.experiments.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.ouroboros.experiments.run.Chain;
import org.ouroboros.experiments.run.TinyCorpus;

/**
 * A tiny sweep made by the tests (a two-genre JSONL corpus, the tiny model, a few seconds per generation),
 * the launcher as the sweep starts it ({@code scripts/ouro} on the test classpath), and a plain
 * {@code ouro run} of the same config through the same launcher with the same thread count, to compare with.
 */
final class SweepFixture {
    static final List<String> TABLES = List.of("metrics.csv", "category_perplexity.csv", "sequence_perplexity.csv");

    final Path dir;
    final Path config;
    final Path data;
    final Launcher launcher;

    private SweepFixture(Path dir, Path config, Path data, Launcher launcher) {
        this.dir = dir;
        this.config = config;
        this.data = data;
        this.launcher = launcher;
    }

    /** A corpus and a config of {@code seeds} x replace/accumulate x 2 generations, with a {@code sweep:} section. */
    static SweepFixture create(Path dir, String seeds, String sweepSection) throws IOException {
        Path corpus = TinyCorpus.write(dir.resolve("corpus"));
        Path config = dir.resolve("sweep.yaml");
        Files.writeString(config, """
                name: tiny-sweep
                seeds: [%s]
                generations: 2
                corpus: {source: "jsonl:%s", max_train_blocks: 160, max_eval_blocks: 40}
                tokenizer: {vocab_size: 300}
                model: {config: tiny, init: scratch}
                training: {block_size: 16, epochs: 2, batch_size: 8, lr: 3.0e-3, min_lr: 3.0e-4, warmup_steps: 3}
                generation: {prompted: true, strategy: sample, new_tokens: 12, batch_size: 32}
                regimes: [{type: replace}, {type: accumulate}]
                sweep: %s
                """.formatted(seeds, corpus, sweepSection));
        Path root = Path.of("").toAbsolutePath().getParent(); // surefire runs in the module directory
        Path script = root.resolve("scripts").resolve("ouro");
        assertTrue(Files.isExecutable(script), script.toString());
        // ND4J's bundled OpenBLAS whatever the machine has installed: the launcher would otherwise pick Debian's
        // where libopenblas0-pthread is installed, and leave links to it in the shared JavaCPP cache
        Launcher launcher = new Launcher(List.of(script.toString()),
                Map.of("OURO_CLASSPATH", System.getProperty("java.class.path"), "OURO_BUNDLED_OPENBLAS", "1"));
        return new SweepFixture(dir, config, dir.resolve("data"), launcher);
    }

    /** A plain {@code ouro run} of the config with {@code threads} threads, through the launcher. */
    Path plainRun(int threads) throws Exception {
        Path out = dir.resolve("plain");
        List<String> cmd = new ArrayList<>(launcher.command());
        cmd.addAll(List.of("run", "--config", config.toString(), "--out", out.toString(), "--data-dir", data.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("plain.log").toFile());
        pb.environment().putAll(launcher.env());
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        int code = pb.start().waitFor();
        assertEquals(0, code, () -> "plain run failed: " + read(dir.resolve("plain.log")));
        return out;
    }

    /** Asserts the merged tables equal the plain run's byte for byte, and timings.csv has the same rows. */
    static void assertSameTables(Path plain, Path swept) throws IOException {
        for (String f : TABLES) {
            assertEquals(read(plain.resolve(f)), read(swept.resolve(f)), f);
        }
        List<String> a = Files.readAllLines(plain.resolve("timings.csv"));
        List<String> b = Files.readAllLines(swept.resolve("timings.csv"));
        assertEquals(a.size(), b.size(), "timings.csv rows");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(key(a.get(i)), key(b.get(i)), "timings.csv row " + i + " (regime, seed, generation)");
        }
    }

    /** Polls every 50 ms for up to {@code seconds} until {@code ready} answers a value. */
    static <T> Optional<T> await(double seconds, java.util.function.Supplier<Optional<T>> ready) throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            Optional<T> v = ready.get();
            if (v.isPresent()) {
                return v;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /**
     * A chain caught between its generations: its lock is held and generation 1 is on disk, generation 2 not
     * yet (so its task is inside generation 2 when this returns).
     */
    static Optional<Chain> midGeneration(SweepLayout layout, List<Chain> chains, Predicate<Chain> extra) {
        for (Chain c : chains) {
            Path chainDir = layout.root().resolve("seed-" + c.seed()).resolve(c.regime());
            if (Files.exists(layout.lock(c)) && Files.exists(chainDir.resolve("gen-1/record.json"))
                    && !Files.exists(chainDir.resolve("gen-2")) && extra.test(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(cannot read " + p + ": " + e.getMessage() + ")";
        }
    }

    private static String key(String row) {
        String[] f = row.split(",");
        return f[0] + "," + f[1] + "," + f[2];
    }
}
