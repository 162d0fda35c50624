package org.ouroboros.trainer.engine.nd4j;

import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-major matrix products sent straight to the BLAS that ND4J's CPU backend itself calls (OpenBLAS,
 * {@code cblas_?gemm}), on the host memory of ND4J arrays. The calls go through JavaCPP's {@code openblas}
 * class, the very library ND4J loads: its {@code openblas_nolapack} twin is a second copy of OpenBLAS with
 * a second pool of threads, and with our products on it a training step was ~5% slower than with ND4J's gemm.
 *
 * <p>Why: decoding attention is B x H tiny products of a few query rows against a cached prefix. ND4J's
 * batched matmul runs them through its own generic kernel, ~180-600 us per call and growing with the prefix;
 * sixty-four cblas gemv calls take ~15-80 us ({@code ouro bench ops}: "decode attention"). Only for the CPU backend
 * and FLOAT or DOUBLE arrays laid out in c order; {@link #supports} says when, and callers keep the ND4J path
 * for everything else (CUDA included).
 */
public final class HostBlas {
    /** Below this many matrix elements OpenBLAS runs a gemv on the calling thread (its interface/gemv.c). */
    private static final long GEMV_ONE_THREAD = 2304L * openblas.OPENBLAS_GEMM_MULTITHREAD_THRESHOLD;
    /**
     * {@code -Douro.hostBlas=false} turns this class off (every caller takes its ND4J path), to measure it;
     * tests flip it to compare the two paths.
     */
    static volatile boolean enabled = !"false".equals(System.getProperty("ouro.hostBlas"));
    private static volatile Boolean cpu;

    private HostBlas() {
    }

    /** Whether these arrays can be used here: CPU backend, one FLOAT or DOUBLE type, c-order dense layouts. */
    public static boolean supports(INDArray... arrays) {
        if (!enabled || !onCpu()) {
            return false;
        }
        DataType type = arrays[0].dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.dataType() != type || !denseRowMajor(a)) {
                return false;
            }
        }
        return true;
    }

    /** Elements laid out in c order without gaps (dimensions of size 1 may carry any stride). */
    private static boolean denseRowMajor(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    /** Whether ND4J runs on its CPU backend (the only one with host memory the host paths can use). */
    static boolean onCpu() {
        Boolean c = cpu;
        if (c == null) {
            c = Nd4j.getEnvironment().isCPU();
            cpu = c;
        }
        return c;
    }

    /**
     * An array's host memory, addressed in elements from its first element. Holds one native pointer whose
     * position is moved per call, so build one per array per batch of products, on one thread.
     */
    public static final class Memory {
        private final FloatPointer floats;
        private final DoublePointer doubles;
        private final long first;

        public Memory(INDArray a) {
            // a view's buffer already starts at its own offset (ND4J wraps it), so count only what lies beyond
            first = a.offset() - a.data().offset();
            if (a.dataType() == DataType.FLOAT) {
                floats = new FloatPointer(a.data().addressPointer());
                doubles = null;
            } else {
                doubles = new DoublePointer(a.data().addressPointer());
                floats = null;
            }
        }

        FloatPointer floatsAt(long offset) {
            return floats.position(first + offset);
        }

        DoublePointer doublesAt(long offset) {
            return doubles.position(first + offset);
        }

        boolean isFloat() {
            return floats != null;
        }

        /** Copies {@code n} FLOAT elements from element {@code offset} into {@code dst} (one native memcpy). */
        void read(long offset, float[] dst, int n) {
            floatsAt(offset).get(dst, 0, n);
        }

        /** Copies {@code n} elements of {@code src} to element {@code offset} (one native memcpy). */
        void write(long offset, float[] src, int n) {
            floatsAt(offset).put(src, 0, n);
        }
    }

    /**
     * {@code c = a b + beta c} ({@code b} read as {@code [n, k]} and transposed when {@code transB}), with
     * {@code a} an {@code m x k} block at element {@code aOff} with row stride {@code lda}, and likewise for b
     * and c (three distinct Memory objects). One row ({@code m = 1}, a decoding step) goes to gemv: OpenBLAS's
     * gemm takes 4-5x longer for it.
     */
    public static void gemm(int m, int n, int k, Memory a, long aOff, int lda, Memory b, long bOff, int ldb,
                            boolean transB, Memory c, long cOff, int ldc, double beta) {
        if (m == 1) {
            gemvRow(n, k, a, aOff, b, bOff, ldb, transB, c, cOff, beta);
            return;
        }
        gemm(false, transB, m, n, k, 1.0, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /**
     * {@code c = alpha op(a) op(b) + beta c} as one {@code cblas_?gemm}: {@code op(a)} is {@code m x k} (stored
     * {@code k x m} when {@code transA}), {@code op(b)} is {@code k x n}, each block addressed by its first
     * element and row stride.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                     Memory a, long aOff, int lda, Memory b, long bOff, int ldb,
                     double beta, Memory c, long cOff, int ldc) {
        int ta = transA ? CblasTrans : CblasNoTrans;
        int tb = transB ? CblasTrans : CblasNoTrans;
        if (a.isFloat()) {
            openblas.cblas_sgemm(CblasRowMajor, ta, tb, m, n, k, (float) alpha, a.floatsAt(aOff), lda,
                    b.floatsAt(bOff), ldb, (float) beta, c.floatsAt(cOff), ldc);
        } else {
            openblas.cblas_dgemm(CblasRowMajor, ta, tb, m, n, k, alpha, a.doublesAt(aOff), lda,
                    b.doublesAt(bOff), ldb, beta, c.doublesAt(cOff), ldc);
        }
    }

    /**
     * {@code c = op(a) op(b) + beta c} for rank-2 arrays that {@link #supports} accepts (c not sharing memory
     * with a or b), as {@link org.nd4j.linalg.factory.Nd4j#gemm} computes it but without creating an ND4J op
     * per call: on the training shapes 0.1-0.8 ms less per product in isolation, on par within a whole step.
     */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double beta) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            throw new IllegalArgumentException("gemm needs matrices, got ranks " + a.rank() + ", " + b.rank()
                    + ", " + c.rank());
        }
        long m = transA ? a.size(1) : a.size(0);
        long k = transA ? a.size(0) : a.size(1);
        long kb = transB ? b.size(1) : b.size(0);
        long n = transB ? b.size(0) : b.size(1);
        if (k != kb || c.size(0) != m || c.size(1) != n) {
            throw new IllegalArgumentException("gemm shapes do not match: " + Arrays.toString(a.shape())
                    + (transA ? "^T " : " ") + Arrays.toString(b.shape()) + (transB ? "^T" : "") + " into "
                    + Arrays.toString(c.shape()));
        }
        gemm(transA, transB, (int) m, (int) n, (int) k, 1.0, new Memory(a), 0, (int) a.size(1),
                new Memory(b), 0, (int) b.size(1), beta, new Memory(c), 0, (int) n);
    }

    /**
     * One row: {@code c^T = B a^T}, with B stored {@code [n, k]} (transB) or {@code [k, n]}. OpenBLAS hands a gemv
     * of {@code rows x cols >= 2304 x GEMM_MULTITHREAD_THRESHOLD} elements to its threads, which wake from sleep
     * (OMP_WAIT_POLICY=PASSIVE) and double the cost of these small products, so B is taken in row chunks
     * below that size; chunks of the reduction dimension accumulate into c.
     */
    private static void gemvRow(int n, int k, Memory a, long aOff, Memory b, long bOff, int ldb, boolean transB,
                                Memory c, long cOff, double beta) {
        int rows = transB ? n : k;
        int cols = transB ? k : n;
        int chunk = (int) Math.max(1, (GEMV_ONE_THREAD - 1) / cols);
        for (int r0 = 0; r0 < rows; r0 += chunk) {
            int r = Math.min(chunk, rows - r0);
            long bAt = bOff + (long) r0 * ldb;
            if (transB) {     // rows of B are output elements
                gemv(CblasNoTrans, r, cols, b, bAt, ldb, a, aOff, c, cOff + r0, beta);
            } else {          // rows of B are the reduction: later chunks add to c
                gemv(CblasTrans, r, cols, b, bAt, ldb, a, aOff + r0, c, cOff, r0 == 0 ? beta : 1.0);
            }
        }
    }

    private static void gemv(int trans, int rows, int cols, Memory m, long mOff, int ld, Memory x, long xOff,
                             Memory y, long yOff, double beta) {
        if (m.isFloat()) {
            openblas.cblas_sgemv(CblasRowMajor, trans, rows, cols, 1f, m.floatsAt(mOff), ld,
                    x.floatsAt(xOff), 1, (float) beta, y.floatsAt(yOff), 1);
        } else {
            openblas.cblas_dgemv(CblasRowMajor, trans, rows, cols, 1.0, m.doublesAt(mOff), ld,
                    x.doublesAt(xOff), 1, beta, y.doublesAt(yOff), 1);
        }
    }

    /**
     * {@code out = x wT + bias (+ residual)} for c-order {@code x [N, in]}, {@code wT [in, out]} and
     * {@code out [N, out]} (not sharing memory with {@code x}); {@code residual} ({@code [N, out]}) may be null. The bias
     * (and residual) are laid into {@code out} first, then one gemm adds {@code x wT}. In decoding this replaces
     * ND4J's {@code xw_plus_b} and the residual add, 30-180 us of op overhead each on 16-row products
     * ({@code ouro bench ops}: "decode Linear, host BLAS").
     */
    public static void linear(INDArray x, INDArray wT, INDArray bias, INDArray residual, INDArray out) {
        int rows = (int) x.size(0);
        int in = (int) x.size(1);
        int width = (int) out.size(1);
        Memory bm = new Memory(bias);
        Memory om = new Memory(out);
        if (residual != null) {
            copy((long) rows * width, new Memory(residual), 0, om, 0);
        }
        for (int r = 0; r < rows; r++) {
            if (residual != null) {
                addTo(width, bm, 0, om, (long) r * width);
            } else {
                copy(width, bm, 0, om, (long) r * width);
            }
        }
        gemm(rows, width, in, new Memory(x), 0, in, new Memory(wT), 0, width, false, om, 0, width, 1.0);
    }

    /** {@code acc += ones m}: the column sums of {@code m} ({@code [rows, n]}) added to {@code acc} ({@code n}). */
    static void colSumAccumulate(INDArray m, INDArray ones, INDArray acc) {
        int rows = (int) m.size(0);
        int n = (int) m.size(1);
        if (ones.length() != rows || acc.length() != n) {
            throw new IllegalArgumentException("column sums of " + Arrays.toString(m.shape()) + " with "
                    + ones.length() + " ones into " + acc.length());
        }
        gemm(false, false, 1, n, rows, 1.0, new Memory(ones), 0, rows, new Memory(m), 0, n, 1.0,
                new Memory(acc), 0, n);
    }

    /** {@code n} elements from {@code src} at {@code srcOff} to {@code dst} at {@code dstOff}. */
    static void copy(long n, Memory src, long srcOff, Memory dst, long dstOff) {
        if (src.isFloat()) {
            openblas.cblas_scopy((int) n, src.floatsAt(srcOff), 1, dst.floatsAt(dstOff), 1);
        } else {
            openblas.cblas_dcopy((int) n, src.doublesAt(srcOff), 1, dst.doublesAt(dstOff), 1);
        }
    }

    /** {@code dst[dstOff..] += src[srcOff..]} over {@code n} elements. */
    static void addTo(int n, Memory src, long srcOff, Memory dst, long dstOff) {
        if (src.isFloat()) {
            openblas.cblas_saxpy(n, 1f, src.floatsAt(srcOff), 1, dst.floatsAt(dstOff), 1);
        } else {
            openblas.cblas_daxpy(n, 1.0, src.doublesAt(srcOff), 1, dst.doublesAt(dstOff), 1);
        }
    }
}
