package org.ouroboros.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BenchEnvironmentTest {
    @Test
    void namesTheOpenBlasFileThisProcessRunsOn() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "Linux only");
        Nd4j.gemm(Nd4j.ones(DataType.FLOAT, 2, 2), Nd4j.ones(DataType.FLOAT, 2, 2),
                Nd4j.create(DataType.FLOAT, 2, 2), false, false, 1.0, 0.0);   // the BLAS is loaded by now
        BenchEnvironment env = BenchEnvironment.of(org.ouroboros.trainer.engine.nd4j.Nd4jEngine.current());
        assertEquals("cpu", env.device());
        Path library = Path.of(env.blasLibrary());
        assertTrue(library.getFileName().toString().startsWith("libopenblas"), env.blasLibrary());
        assertTrue(Files.exists(library), env.blasLibrary());
    }
}
