package org.ouroboros.trainer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.engine.LanguageModel;
import org.ouroboros.trainer.optim.AdamW;

/**
 * Times full training steps (forward, backward, gradient clipping, AdamW) on random tokens, the same step
 * {@code scripts/bench-vs-pytorch} times in PyTorch: AdamW lr 1e-4, weight decay 0.01, clip 1.0.
 */
public final class TrainBench {
    /**
     * Tokens/s is the median over timed steps; GFLOP/s counts 3x the forward FLOPs per step; the RSS trace
     * samples resident memory ten times during the timed steps, and the growth is its last sample minus its
     * first (the first tenth of the steps lets the JVM's young generation fill once; flat = no growth).
     */
    public record Result(String benchmark, BenchShape shape, int warmupSteps, int steps, double tokensPerSecond,
                         double stepSecondsMedian, List<Double> stepSeconds, double gflopPerStep, double gflops,
                         double sgemmPeakGflops, double peakFraction, long parameters, double rssMbAfterWarmup,
                         double rssMbEnd, double rssMbGrowth, double peakRssMb, List<Double> rssMbTrace,
                         BenchEnvironment environment) {
    }

    private TrainBench() {
    }

    public static Result run(Engine engine, BenchShape shape, int warmup, int steps) {
        try (LanguageModel model = engine.initialize(shape.config(shape.blockSize()), 0)) {
            return run(engine, model, shape, warmup, steps);
        }
    }

    private static Result run(Engine engine, LanguageModel model, BenchShape shape, int warmup, int steps) {
        AdamW.Config adam = AdamW.Config.defaults(0.01);
        SplittableRandom rng = new SplittableRandom(0);
        for (int i = 0; i < warmup; i++) {
            step(model, adam, randomBatch(shape, rng));
        }
        double rssAfterWarmup = ProcessMemory.residentMb();
        List<Double> times = new ArrayList<>();
        List<Double> trace = new ArrayList<>();
        int every = Math.max(1, steps / 10);
        for (int i = 0; i < steps; i++) {
            Batch batch = randomBatch(shape, rng);
            long t0 = System.nanoTime();
            step(model, adam, batch);
            times.add((System.nanoTime() - t0) / 1e9);
            if ((i + 1) % every == 0) {
                trace.add(ProcessMemory.residentMb());
            }
        }
        double rssEnd = ProcessMemory.residentMb();      // both before the sgemm peak allocates its matrices
        double peakRss = ProcessMemory.peakResidentMb();
        double median = median(times);
        double tokens = (double) shape.batchSize() * shape.blockSize();
        double gflop = 3 * shape.forwardFlops(shape.batchSize(), shape.blockSize(), shape.blockSize()) / 1e9;
        double peak = SgemmPeak.measure(3);
        return new Result("train", shape, warmup, steps, tokens / median, median, times, gflop, gflop / median,
                peak, gflop / median / peak, model.config().parameterCount(), rssAfterWarmup,
                rssEnd, trace.get(trace.size() - 1) - trace.get(0), peakRss, trace,
                BenchEnvironment.of(engine));
    }

    private static void step(LanguageModel model, AdamW.Config adam, Batch batch) {
        model.zeroGradients();
        model.forwardBackward(batch, 1.0 / batch.targetCount());
        model.clipGradients(1.0);
        model.adamWStep(adam, 1e-4);
    }

    private static Batch randomBatch(BenchShape shape, SplittableRandom rng) {
        List<int[]> rows = new ArrayList<>();
        for (int i = 0; i < shape.batchSize(); i++) {
            rows.add(rng.ints(shape.blockSize(), 0, shape.vocab()).toArray());
        }
        return Batch.nextToken(rows);
    }

    static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The median (mean of the middle two for an even count); {@code values} is left unsorted. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
