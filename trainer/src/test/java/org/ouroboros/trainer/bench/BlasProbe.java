package org.ouroboros.trainer.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.ouroboros.trainer.engine.nd4j.Nd4jEngine;

/**
 * Starts ND4J, multiplies two matrices (so the BLAS is loaded) and prints {@code device D} and
 * {@code blas FILE}, the bench environment this process reports. {@link BenchEnvironmentTest} runs it in child
 * JVMs with a JavaCPP cache and library flags of the test's own.
 */
public final class BlasProbe {
    private BlasProbe() {
    }

    public static void main(String[] args) {
        Nd4j.gemm(Nd4j.ones(DataType.FLOAT, 2, 2), Nd4j.ones(DataType.FLOAT, 2, 2),
                Nd4j.create(DataType.FLOAT, 2, 2), false, false, 1.0, 0.0);
        BenchEnvironment env = BenchEnvironment.of(Nd4jEngine.current());
        System.out.println("device " + env.device());
        System.out.println("blas " + env.blasLibrary());
    }
}
