package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;
import org.nd4j.linalg.profiler.ProfilerConfig;
import org.ouroboros.trainer.engine.OpCounting;

/**
 * ND4J's op profiler around a piece of work, with the host paths (host BLAS, vector kernels) switched off
 * so the count is of the ND4J ops the CUDA backend runs: every op and custom op the executioner launches,
 * plus the gemm calls, and the copies {@link Transfers} counts.
 */
final class OpCounts {
    static final String MODE = "host paths off: the ND4J ops (and copies) the CUDA backend runs";

    private OpCounts() {
    }

    static OpCounting.Counts count(Runnable work) {
        boolean hostPaths = HostBlas.enabled;
        ProfilerConfig before = OpProfiler.getInstance().getConfig();
        HostBlas.enabled = false;
        Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkElapsedTime(true).build());
        OpProfiler.getInstance().reset();
        long toDevice = Transfers.TO_DEVICE.get();
        long toHost = Transfers.TO_HOST.get();
        try {
            work.run();
            OpProfiler p = OpProfiler.getInstance();
            return new OpCounting.Counts(p.getInvocationsCount(), Transfers.TO_DEVICE.get() - toDevice,
                    Transfers.TO_HOST.get() - toHost, p.getOpCounter().asString());
        } finally {
            Nd4j.getExecutioner().setProfilingConfig(before != null ? before : ProfilerConfig.builder().build());
            HostBlas.enabled = hostPaths;
        }
    }
}
