package org.ouroboros.trainer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.nd4j.DecodeWeights;
import org.ouroboros.trainer.engine.nd4j.KvCache;
import org.ouroboros.trainer.engine.nd4j.Backend;
import org.ouroboros.trainer.engine.nd4j.OptModel;

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

    public static Result run(BenchShape shape, int promptLength, int maxNewTokens, int repeats) {
        Backend.require();
        OptModel model = OptModel.initialize(shape.config(promptLength + maxNewTokens), 0, DataType.FLOAT);
        SplittableRandom rng = new SplittableRandom(0);
        DecodeWeights weights = model.decodeWeights();
        for (int i = 0; i < 2; i++) {     // warm-up: whole generations, so the JIT has compiled the decode loop
            generate(model, weights, shape, promptLength, maxNewTokens, rng);
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            runs.add(generate(model, weights, shape, promptLength, maxNewTokens, rng));
        }
        runs.sort((a, b) -> Double.compare(a.seconds(), b.seconds()));
        Run median = runs.get(runs.size() / 2);
        List<Double> steps = median.stepMs();
        int quarter = Math.max(1, steps.size() / 4);
        return new Result("sample", shape, promptLength, maxNewTokens, repeats,
                (double) shape.batchSize() * maxNewTokens / median.seconds(), median.seconds(), median.prefillMs(),
                mean(steps.subList(0, quarter)), mean(steps.subList(steps.size() - quarter, steps.size())),
                steps, ProcessMemory.peakResidentMb(), BenchEnvironment.current());
    }

    private static Run generate(OptModel model, DecodeWeights weights, BenchShape shape, int promptLength,
                                int newTokens, SplittableRandom rng) {
        int b = shape.batchSize();
        int[][] prompts = new int[b][];
        for (int i = 0; i < b; i++) {
            prompts[i] = rng.ints(promptLength, 0, shape.vocab()).toArray();
        }
        long start = System.nanoTime();
        KvCache cache = model.newCache(b, promptLength + newTokens, weights);
        INDArray logits = model.decode(cache, prompts);
        double prefillMs = (System.nanoTime() - start) / 1e6;
        List<Double> stepMs = new ArrayList<>();
        for (int step = 1; step < newTokens; step++) {
            long t0 = System.nanoTime();
            int[] next = logits.argMax(1).toIntVector();
            int[][] rows = new int[b][1];
            for (int i = 0; i < b; i++) {
                rows[i][0] = next[i];
            }
            logits = model.decode(cache, rows);
            stepMs.add((System.nanoTime() - t0) / 1e6);
        }
        logits.argMax(1).toIntVector();
        return new Run((System.nanoTime() - start) / 1e9, prefillMs, stepMs);
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
