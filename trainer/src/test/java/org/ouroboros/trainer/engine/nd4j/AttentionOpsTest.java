package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.profiler.OpProfiler;
import org.ouroboros.trainer.engine.Batch;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * On the ND4J-op path (host paths off, what CUDA runs) each attention product over all (sequence, head)
 * matrices is one {@code batched_gemm} op: two per layer forward, four more backward, two per decoding step.
 */
class AttentionOpsTest {
    private static final OptConfig CFG = TinyModels.config();

    @Test
    void aTrainingStepIssuesSixBatchedProductsPerLayer() {
        OptModel model = TinyModels.model(CFG, 31, DataType.FLOAT);
        Batch batch = Batch.nextToken(List.of(OptModelTest.randomIds(3, 9, 6)));
        Runnable step = () -> {
            model.zeroGradients();
            model.forwardBackward(batch, 1.0 / batch.targetCount());
        };
        OpCounts.count(step);                                        // warm-up: buffers for this shape
        var counts = OpCounts.count(step);
        assertEquals(6L * CFG.numLayers(), batchedGemms(), counts.breakdown());
    }

    @Test
    void aDecodingStepIssuesTwoBatchedProductsPerLayer() {
        OptModel model = TinyModels.model(CFG, 32, DataType.FLOAT);
        int[][] prompt = OptModelTest.randomIds(3, 4, 7);
        KvCache cache = model.newCache(3, 8);
        OpCounts.count(() -> model.decode(cache, prompt));
        OpCounts.count(() -> model.decode(cache, new int[][] {{1}, {2}, {3}}));   // warm-up: one-token scratch
        var counts = OpCounts.count(() -> model.decode(cache, new int[][] {{4}, {5}, {6}}));
        assertEquals(2L * CFG.numLayers(), batchedGemms(), counts.breakdown());
    }

    /** batched_gemm ops in the last {@link OpCounts#count}. */
    private static long batchedGemms() {
        return OpProfiler.getInstance().getOpCounter().getCount("batched_gemm");
    }
}
