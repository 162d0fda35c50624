package org.ouroboros.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.cli.Ouro;
import org.ouroboros.testing.ChildJvm;

/**
 * One seed and thread count give the same bytes: the same small run in separate JVMs, one of them
 * compiling with C2 from the first iterations on (so the JIT's timing differs as much as it can), and a
 * run killed with SIGKILL at random points and resumed. Every result file is compared byte for byte;
 * only timings (timings.csv, run.json's creation time, the records' seconds) may differ.
 */
class RunDeterminismTest {
    @TempDir
    static Path tmp;
    static Path config;
    static Map<String, String> reference;
    static double referenceSeconds;

    @BeforeAll
    static void referenceRun() throws Exception {
        Path corpus = TinyCorpus.write(tmp.resolve("corpus"));
        config = tmp.resolve("run.yaml");
        Files.writeString(config, TinyCorpus.config(corpus, "metrics: {keep_checkpoints: true}\n"));
        long start = System.nanoTime();
        ChildJvm.Result r = child("reference", List.of()).run(600);
        referenceSeconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, r.exitCode(), r.output());
        reference = results(tmp.resolve("reference"));
        assertTrue(reference.containsKey("metrics.csv") && reference.containsKey("sequence_perplexity.csv")
                && reference.keySet().stream().anyMatch(k -> k.endsWith("samples.jsonl"))
                && reference.keySet().stream().anyMatch(k -> k.endsWith("model.safetensors")), reference.keySet()::toString);
    }

    @Test
    void anotherJvmCompilingEarlierWritesTheSameBytes() throws Exception {
        ChildJvm.Result r = child("early-c2", List.of("-XX:-TieredCompilation", "-XX:CompileThreshold=500")).run(600);
        assertEquals(0, r.exitCode(), r.output());
        assertSameResults(tmp.resolve("early-c2"));
    }

    @Test
    @Tag("slow")
    void aRunKilledAtRandomPointsAndResumedWritesTheSameBytes() throws Exception {
        long seed = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> kills = new ArrayList<>();
        for (int attempt = 0; attempt < 4; attempt++) {
            long delayMs = (long) (rng.nextDouble(0.15, 0.9) * referenceSeconds * 1000);
            ChildJvm c = child("killed", List.of());
            Process p = c.start();
            if (p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                kills.add("finished before " + delayMs + " ms");
                break;
            }
            p.destroyForcibly().waitFor();                  // SIGKILL: no shutdown hooks, files half-written
            kills.add("killed at " + delayMs + " ms");
        }
        ChildJvm.Result r = child("killed", List.of()).run(600);
        assertEquals(0, r.exitCode(), r.output());
        assertSameResults(tmp.resolve("killed"), "kill seed " + seed + ": " + kills);
    }

    private static void assertSameResults(Path run, String... context) throws IOException {
        Map<String, String> got = results(run);
        assertEquals(reference.keySet(), got.keySet(), "the same files " + String.join(" ", context));
        List<String> differ = reference.keySet().stream().filter(k -> !reference.get(k).equals(got.get(k))).toList();
        assertEquals(List.of(), differ, "files whose bytes differ from the reference run " + String.join(" ", context));
    }

    /** Every result file of a run (CSVs, samples, checkpoints, the tokenizer) by relative path: its SHA-256. */
    private static Map<String, String> results(Path run) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(run)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = run.relativize(f).toString();
                boolean timing = name.equals("timings.csv") || name.equals(RunLayout.RUN_FILE)
                        || name.startsWith("report/") || name.endsWith("provenance.json");
                if (name.endsWith(GenerationRecord.FILE)) {
                    out.put(name, sha256(withoutSeconds(f)));
                } else if (!timing) {
                    out.put(name, sha256(Files.readAllBytes(f)));
                }
            }
        }
        return out;
    }

    /** A generation record with its wall-clock fields (any key containing "seconds") removed. */
    private static byte[] withoutSeconds(Path record) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree = Json.MAPPER.readTree(record.toFile());
        dropSeconds(tree);
        return Json.MAPPER.writeValueAsBytes(tree);
    }

    private static void dropSeconds(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            names.stream().filter(n -> n.contains("seconds")).forEach(o::remove);
        }
        node.forEach(RunDeterminismTest::dropSeconds);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ChildJvm child(String out, List<String> jvmFlags) {
        return ChildJvm.of(jvmFlags, Ouro.class.getName(), List.of("run", "--config", config.toString(),
                        "--out", tmp.resolve(out).toString(), "--data-dir", tmp.resolve("data-" + out).toString()),
                Map.of("OMP_NUM_THREADS", "2"), tmp.resolve(out + ".log"));
    }
}
