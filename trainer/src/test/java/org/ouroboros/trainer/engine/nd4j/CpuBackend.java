package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** For tests of the host paths (host BLAS, vector kernels): they exist only on ND4J's CPU backend. */
final class CpuBackend {
    private CpuBackend() {
    }

    /** Skips the calling test on another backend, saying why. */
    static void assume() {
        assumeTrue(HostBlas.onCpu(), "the host paths run only on ND4J's CPU backend; this build runs "
                + Backend.require() + ", where the model runs ND4J ops only");
    }
}
