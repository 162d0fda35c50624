package org.ouroboros.trainer.bench;

import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.engine.Scores;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times greedy decoding with the KV cache: a batch of random prompts, then one token per sequence per
 * step. Reports new tokens/s (prefill included) and the time per step early and late in the
 * continuation, which stays flat when the prefix is not recomputed.
 */
public final class SampleBench {
    /** Medians over {@code repeats} generations; per-step times are of the median run. */
    public record Result(String benchmark, BenchShape shape, int promptLength, int maxNewTokens, int repeats,
                         double newTokensPerSecond, double secondsMedian, double prefillMs,
                         double msPerTokenFirstQuarter, double msPerTokenLastQuarter, List<Double> stepMs,
                         double peakRssMb, BenchEnvironment environment) {
    }

    private record Run(double seconds, double prefillMs, List<Double> stepMs) {
    }

    private SampleBench() {
    }

    public static Result run(Engine engine, BenchShape shape, int promptLength, int maxNewTokens, int repeats) {
        try (LanguageModel model = engine.initialize(shape.config(promptLength + maxNewTokens), 0)) {
            return run(engine, model, shape, promptLength, maxNewTokens, repeats);
        }
    }

    private static Result run(Engine engine, LanguageModel model, BenchShape shape, int promptLength,
                              int maxNewTokens, int repeats) {
        SplittableRandom rng = new SplittableRandom(0);
        for (int i = 0; i < 2; i++) {     // warm-up: whole generations, so the JIT has compiled the decode loop
            generate(model, shape, promptLength, maxNewTokens, rng);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            runs.add(generate(model, shape, promptLength, maxNewTokens, rng));
        }
        runs.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
        Run median = runs.get(runs.size() / 2);
        List<Double> steps = median.stepMs();
        int quarter = Math.max(1, steps.size() / 4);
        return new Result("sample", shape, promptLength, maxNewTokens, repeats,
                (double) shape.batchSize() * maxNewTokens / median.seconds(), median.seconds(), median.prefillMs(),
                mean(steps.subList(0, quarter)), mean(steps.subList(steps.size() - quarter, steps.size())),
                steps, ProcessMemory.peakResidentMb(), BenchEnvironment.of(engine));
    }

    private static Run generate(LanguageModel model, BenchShape shape, int promptLength, int newTokens,
                                SplittableRandom rng) {
        int b = shape.batchSize();
        int[][] prompts = new int[b][];
        for (int i = 0; i < b; i++) {
            prompts[i] = rng.ints(promptLength, 0, shape.vocab()).toArray();
        }
        long start = System.nanoTime();
        try (Decoder decoder = model.newDecoder(b, promptLength + newTokens)) {
            Scores scores = decoder.step(prompts);
            double prefillMs = (System.nanoTime() - start) / 1e6;
            List<Double> stepMs = new ArrayList<>();
            for (int step = 1; step < newTokens; step++) {
                long t0 = System.nanoTime();
                int[] next = scores.argmax();
                int[][] rows = new int[b][1];
                for (int i = 0; i < b; i++) {
                    rows[i][0] = next[i];
                }
                scores = decoder.step(rows);
                stepMs.add((System.nanoTime() - t0) / 1e6);
            }
            scores.argmax();
            return new Run((System.nanoTime() - start) / 1e9, prefillMs, stepMs);
        }
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
