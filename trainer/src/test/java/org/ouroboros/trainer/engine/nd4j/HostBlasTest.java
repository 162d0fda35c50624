package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class HostBlasTest {
    @BeforeAll
    static void cpuBackend() {
        CpuBackend.assume();
    }

    @Test
    void linearEqualsNd4jXwPlusBForOneAndManyRows() {
        Nd4j.getRandom().setSeed(3);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int rows : new int[] {1, 5}) {
                INDArray x = Nd4j.rand(type, rows, 7).subi(0.5);
                INDArray w = Nd4j.rand(type, 7, 3).subi(0.5);
                INDArray b = Nd4j.rand(type, 3);
                INDArray expected = Nd4j.create(type, rows, 3);
                INDArray actual = Nd4j.create(type, rows, 3).assign(99);   // stale values must not leak in
                NdOps.xwPlusB(x, w, b, expected);
                assertTrue(HostBlas.supports(x, w, b, actual));
                HostBlas.linear(x, w, b, null, actual);
                double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-14;
                assertTrue(expected.equalsWithEps(actual, tolerance), type + " rows=" + rows + ": " + actual
                        + " vs " + expected);
                INDArray residual = Nd4j.rand(type, rows, 3);
                HostBlas.linear(x, w, b, residual, actual);
                assertTrue(expected.add(residual).equalsWithEps(actual, tolerance), "with a residual");
            }
        }
    }

    @Test
    void gemmReadsStridedBlocksAndTransposesB() {
        // c = a b^T for a 2x3 block at column 1 of a [2, 5] array and b a 4x3 block at row 2 of a [6, 3] array
        INDArray a = Nd4j.rand(DataType.DOUBLE, 2, 5);
        INDArray b = Nd4j.rand(DataType.DOUBLE, 6, 3);
        INDArray c = Nd4j.create(DataType.DOUBLE, 2, 4);
        HostBlas.gemm(2, 4, 3, new HostBlas.Memory(a), 1, 5, new HostBlas.Memory(b), 6, 3, true,
                new HostBlas.Memory(c), 0, 4, 0.0);
        INDArray expected = a.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4)).mmul(
                b.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 6),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).transpose());
        assertTrue(expected.equalsWithEps(c, 1e-12), c + " vs " + expected);
    }

    @Test
    void matrixGemmEqualsNd4jGemmForEveryTransposeAndAccumulates() {
        Nd4j.getRandom().setSeed(5);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                INDArray a = transA ? Nd4j.rand(DataType.DOUBLE, 3, 4) : Nd4j.rand(DataType.DOUBLE, 4, 3);
                INDArray b = transB ? Nd4j.rand(DataType.DOUBLE, 5, 3) : Nd4j.rand(DataType.DOUBLE, 3, 5);
                INDArray start = Nd4j.rand(DataType.DOUBLE, 4, 5);
                INDArray expected = start.dup();
                Nd4j.gemm(a, b, expected, transA, transB, 1.0, 0.5);
                INDArray actual = start.dup();
                HostBlas.gemm(a, b, actual, transA, transB, 0.5);
                assertTrue(expected.equalsWithEps(actual, 1e-12), "transA=" + transA + " transB=" + transB);
            }
        }
        INDArray a = Nd4j.rand(DataType.DOUBLE, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HostBlas.gemm(a, a, Nd4j.create(DataType.DOUBLE, 4, 4), false, false, 0.0));
        assertTrue(e.getMessage().contains("do not match"), e.getMessage());
    }

    @Test
    void hostLayerNormEqualsNd4jMomentsAndBatchnorm() {
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 33).muli(8).subi(3);
        INDArray mean = Nd4j.create(DataType.FLOAT, 6);
        INDArray var = Nd4j.create(DataType.FLOAT, 6);
        INDArray expected = x.ulike();
        NdOps.rowMoments(x, mean, var);
        NdOps.normalizeRows(x, mean, var, 1e-5, expected);
        INDArray actual = x.ulike();
        NdOps.normalizeRowsOnHost(x, actual, 1e-5, new float[6 * 33 + 5]);
        assertTrue(expected.equalsWithEps(actual, 1e-5), actual + " vs " + expected);
        assertTrue(actual.mean(1).amaxNumber().doubleValue() < 1e-6, "rows are centred");
    }

    @Test
    void memoryOfAViewStartsAtTheViewsFirstElement() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray base = Nd4j.linspace(type, 0, 40, 1);
            INDArray view = NdOps.view(base, 7, 2, 3);                     // elements 7..12
            INDArray viewOfView = NdOps.view(view, 2, 4);                  // elements 9..12
            INDArray out = Nd4j.create(type, 4);
            HostBlas.copy(4, new HostBlas.Memory(viewOfView), 0, new HostBlas.Memory(out), 0);
            assertTrue(Nd4j.createFromArray(9.0, 10.0, 11.0, 12.0).castTo(type).equalsWithEps(out, 0), type + ": " + out);
            INDArray target = NdOps.view(base, 20, 4);
            HostBlas.addTo(4, new HostBlas.Memory(viewOfView), 0, new HostBlas.Memory(target), 0);
            assertEquals(29.0, base.getDouble(20), 0.0);
            assertEquals(0.0 + 19, base.getDouble(19), 0.0, "nothing before the view is touched");
        }
    }

    @Test
    void refusesMixedTypesAndNonDenseViews() {
        INDArray f = Nd4j.create(DataType.FLOAT, 4, 4);
        assertFalse(HostBlas.supports(f, Nd4j.create(DataType.DOUBLE, 4, 4)));
        assertFalse(HostBlas.supports(f.transpose()));
        assertFalse(HostBlas.supports(Nd4j.create(DataType.HALF, 4, 4)));
        assertTrue(HostBlas.supports(NdOps.view(f, 4, 1, 1, 4)));
    }
}
