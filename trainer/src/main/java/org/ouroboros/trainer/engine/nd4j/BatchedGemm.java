package org.ouroboros.trainer.engine.nd4j;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch of row-major matrix products {@code C[i] = alpha op(A[i]) op(B[i])} as one libnd4j
 * {@code batched_gemm} op: on CUDA one {@code cublasSgemmBatched} (or {@code Dgemm}) call and one stream
 * synchronisation for the whole batch.
 *
 * <p>Why not {@code Nd4j.matmul} on the rank-3 arrays: in ND4J 1.0.0-M2.1 that op ({@code matmul} ->
 * {@code MmulHelper::mmul} -> {@code mmulNxN}) runs no BLAS for a rank-3 product, on CUDA or on the CPU. Its
 * CUDA {@code mmulNxN} launches {@code batchedCudaGemm}, a kernel with one thread per output element that
 * works out its coordinates from the shape information and loops over K in global memory (no tiling, no
 * shared memory for the operands); the CPU one loops likewise. docs/performance.md says where this was read.
 *
 * <p>How the op is fed: {@code batched_gemm} is column-major BLAS on each matrix's raw memory with the
 * leading dimensions it is given, and it checks only that the i-th A is {@code [M, K]} and the i-th B
 * {@code [K, N]}. A row-major {@code C = op(A) op(B)} is the column-major {@code C^T = op(B)^T op(A)^T},
 * so each matrix goes in as a view of its own memory shaped as the logical matrix the BLAS sees (a
 * transposed view is an f-order view of the same elements), every view dense, so that neither backend
 * copies it, and the outputs in f order, so that the CUDA helper does not swap its operands. Alpha and beta
 * go in as one value per matrix (the CPU helper reads the i-th, the CUDA helper the first).
 */
final class BatchedGemm {
    private static final Map<String, INDArray> SCALARS = new ConcurrentHashMap<>();

    private BatchedGemm() {
    }

    /**
     * {@code c[i] = alpha op(a[i]) op(b[i])} for every i of the rank-3 {@code [n, rows, cols]} arrays, whose
     * matrices must each be dense rows ({@code stride(2) = 1}, {@code stride(1) = cols}); the stride between
     * matrices is free (a KV cache's prefix).
     */
    static void product(INDArray a, boolean transA, INDArray b, boolean transB, INDArray c, double alpha) {
        long n = c.size(0);
        long m = c.size(1);
        long cols = c.size(2);
        long k = transA ? a.size(1) : a.size(2);
        if (a.size(0) != n || b.size(0) != n || (transA ? a.size(2) : a.size(1)) != m
                || (transB ? b.size(2) : b.size(1)) != k || (transB ? b.size(1) : b.size(2)) != cols) {
            throw new IllegalArgumentException("batched product of " + java.util.Arrays.toString(a.shape())
                    + (transA ? "^T" : "") + " and " + java.util.Arrays.toString(b.shape()) + (transB ? "^T" : "")
                    + " into " + java.util.Arrays.toString(c.shape()));
        }
        int count = Math.toIntExact(n);
        INDArray[] inputs = new INDArray[2 + 2 * count];
        INDArray[] outputs = new INDArray[count];
        inputs[0] = perMatrix(c.dataType(), count, alpha);
        inputs[1] = perMatrix(c.dataType(), count, 0.0);
        for (int i = 0; i < count; i++) {
            inputs[2 + i] = matrix(b, i, !transB);              // op(B)^T: [cols, k]
            inputs[2 + count + i] = matrix(a, i, !transA);      // op(A)^T: [k, m]
            outputs[i] = matrix(c, i, true);                   // C^T: [cols, m], f order
        }
        Nd4j.exec(DynamicCustomOp.builder("batched_gemm")
                .addInputs(inputs).addOutputs(outputs)
                .addIntegerArguments(transB ? 1 : 0, transA ? 1 : 0, Math.toIntExact(cols), Math.toIntExact(m),
                        Math.toIntExact(k), Math.toIntExact(b.size(2)), Math.toIntExact(a.size(2)),
                        Math.toIntExact(cols), count)
                .build());
    }

    /**
     * Matrix i of a {@code [n, rows, cols]} array of dense rows, as itself (c order) or, when
     * {@code transposed}, as its transpose {@code [cols, rows]} over the same elements (f order).
     */
    private static INDArray matrix(INDArray three, int i, boolean transposed) {
        long rows = three.size(1);
        long cols = three.size(2);
        if (three.stride(2) != 1 || (rows > 1 && three.stride(1) != cols)) {
            throw new IllegalArgumentException("matrices of " + java.util.Arrays.toString(three.shape())
                    + " with strides " + java.util.Arrays.toString(three.stride()) + " are not dense rows");
        }
        long offset = three.offset() + i * three.stride(0);
        DataType type = three.dataType();
        return transposed
                ? Nd4j.create(three.data(), new long[] {cols, rows}, new long[] {1, cols}, offset, 'f', type)
                : Nd4j.create(three.data(), new long[] {rows, cols}, new long[] {cols, 1}, offset, 'c', type);
    }

    /** {@code count} copies of {@code value}, made once per (type, count, value) and kept. */
    private static INDArray perMatrix(DataType type, int count, double value) {
        return SCALARS.computeIfAbsent(type + "/" + count + "/" + value,
                key -> Nd4j.valueArrayOf(new long[] {count}, value, type));
    }
}
