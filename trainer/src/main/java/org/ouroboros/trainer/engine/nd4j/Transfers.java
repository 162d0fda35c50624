package org.ouroboros.trainer.engine.nd4j;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the copies between Java and ND4J memory the model's code asks for (on CUDA each is a host<->device
 * transfer): id and weight uploads, index arrays, scalars and scores read back. Only {@link OpCounts} reads
 * the counters.
 */
final class Transfers {
    static final AtomicLong TO_DEVICE = new AtomicLong();
    static final AtomicLong TO_HOST = new AtomicLong();

    private Transfers() {
    }

    static void toDevice() {
        TO_DEVICE.incrementAndGet();
    }

    static void toHost() {
        TO_HOST.incrementAndGet();
    }
}
