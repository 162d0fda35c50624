package org.ouroboros.experiments.toy;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Independent trials of a toy simulation: one random stream per trial split in trial order from the seed,
 * and a fixed partition of trials into chunks that may run on any number of threads. Because the streams
 * and the partition do not depend on the thread count, and chunk results are combined in chunk order,
 * the output depends only on the seed.
 */
final class Trials {
    private Trials() {
    }

    /** One stream per trial, split in order from {@code seed}. */
    static SplittableRandom[] streams(long seed, int trials) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] streams = new SplittableRandom[trials];
        for (int t = 0; t < trials; t++) {
            streams[t] = root.split();
        }
        return streams;
    }

    /** Runs {@code chunk} for chunks of {@code chunkSize} trials in parallel; results in chunk order. */
    static <T> T[] inChunks(int trials, int chunkSize, IntFunction<T[]> array, ChunkTask<T> chunk) {
        int chunks = (trials + chunkSize - 1) / chunkSize;
        T[] results = array.apply(chunks);
        IntStream.range(0, chunks).parallel().forEach(c ->
                results[c] = chunk.run(c * chunkSize, Math.min(trials, (c + 1) * chunkSize)));
        return results;
    }

    /** Work on trials {@code [from, to)}. */
    @FunctionalInterface
    interface ChunkTask<T> {
        T run(int from, int to);
    }
}
