package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.profiler.OpProfiler;

/** {@link BatchedGemm} against {@code Nd4j.matmul} on rank-3 arrays, and that it is one op per batch. */
class BatchedGemmTest {
    @Test
    void equalsMatmulForEveryTransposeInFloatAndDouble() {
        Nd4j.getRandom().setSeed(11);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    int n = 6;
                    int m = 5;
                    int k = 4;
                    int cols = 3;
                    INDArray a = ta ? Nd4j.rand(type, n, k, m) : Nd4j.rand(type, n, m, k);
                    INDArray b = tb ? Nd4j.rand(type, n, cols, k) : Nd4j.rand(type, n, k, cols);
                    INDArray expected = Nd4j.create(type, n, m, cols);
                    Nd4j.matmul(a, b, expected, ta, tb, false);
                    INDArray actual = Nd4j.create(type, n, m, cols).assign(7);   // beta = 0: stale values go
                    BatchedGemm.product(a, ta, b, tb, actual, 0.5);
                    double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-14;
                    assertTrue(expected.mul(0.5).equalsWithEps(actual, tolerance),
                            type + " transA=" + ta + " transB=" + tb + ": " + actual + " vs " + expected);
                }
            }
        }
    }

    @Test
    void readsAKvCachePrefixAndSingleRowQueries() {
        // decoding: 1 query row per (sequence, head) against the first 5 of 8 cached positions
        INDArray store = Nd4j.rand(DataType.FLOAT, 6, 8, 4);
        INDArray prefix = Nd4j.create(store.data(), new long[] {6, 5, 4}, new long[] {32, 4, 1}, 0, 'c',
                DataType.FLOAT);
        INDArray q = Nd4j.rand(DataType.FLOAT, 6, 1, 4);
        INDArray scores = Nd4j.create(DataType.FLOAT, 6, 1, 5);
        BatchedGemm.product(q, false, prefix, true, scores, 1.0);
        INDArray keys = store.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5), NDArrayIndex.all()).dup();
        INDArray expected = Nd4j.create(DataType.FLOAT, 6, 1, 5);
        Nd4j.matmul(q, keys, expected, false, true, false);
        assertTrue(expected.equalsWithEps(scores, 1e-6), scores + " vs " + expected);
        INDArray y = Nd4j.create(DataType.FLOAT, 6, 1, 4);
        BatchedGemm.product(scores, false, prefix, false, y, 1.0);
        INDArray expectedY = Nd4j.create(DataType.FLOAT, 6, 1, 4);
        Nd4j.matmul(expected, keys, expectedY, false, false, false);
        assertTrue(expectedY.equalsWithEps(y, 1e-6), y + " vs " + expectedY);
    }

    @Test
    void theWholeBatchIsOneBatchedGemmOp() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 64, 8, 4);
        INDArray b = Nd4j.rand(DataType.FLOAT, 64, 8, 4);
        INDArray c = Nd4j.create(DataType.FLOAT, 64, 8, 8);
        BatchedGemm.product(a, false, b, true, c, 1.0);      // makes the kept alpha and beta vectors
        var counts = OpCounts.count(() -> BatchedGemm.product(a, false, b, true, c, 1.0));
        assertEquals(1, counts.ops(), counts.breakdown());
        assertEquals(1, OpProfiler.getInstance().getOpCounter().getCount("batched_gemm"), counts.breakdown());
    }

    @Test
    void mismatchedShapesAndGappedRowsAreRefused() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 2, 3, 4);
        INDArray c = Nd4j.create(DataType.FLOAT, 2, 3, 3);
        assertThrows(IllegalArgumentException.class, () -> BatchedGemm.product(a, false, a, false, c, 1.0));
        INDArray gapped = Nd4j.rand(DataType.FLOAT, 2, 3, 8).get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.interval(0, 4));
        assertThrows(IllegalArgumentException.class, () -> BatchedGemm.product(gapped, false, a, true, c, 1.0));
    }
}
