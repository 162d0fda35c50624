package org.ouroboros.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ouroboros.trainer.engine.nd4j.Nd4jEngine;

/** {@code --profile-ops} counts ND4J ops per step with the host paths off, and the copies our code makes. */
class OpsProfileTest {
    private static final BenchShape SHAPE = new BenchShape(64, 16, 2, 2, 32, 8, 2);

    @Test
    void aTrainingStepLaunchesOpsAndUploadsItsBatch() {
        OpsProfile p = OpsProfile.train(Nd4jEngine.current(), SHAPE);
        System.out.println(p.describe());
        assertTrue(p.counts().ops() > 20, p.describe());
        assertTrue(p.counts().copiesToDevice() >= 2, "ids and loss weights go up: " + p.describe());
        assertTrue(p.mode().contains("host paths off"), p.mode());
    }

    @Test
    void aGreedyDecodingStepCopiesBackOnlyTheIds() {
        OpsProfile p = OpsProfile.sample(Nd4jEngine.current(), SHAPE, 4);
        System.out.println(p.describe());
        assertTrue(p.counts().ops() > 5, p.describe());
        assertEquals(1, p.counts().copiesToHost(), "one copy per step: the argmax ids; " + p.describe());
    }
}
