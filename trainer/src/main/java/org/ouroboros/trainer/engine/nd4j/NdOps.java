package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.floating.RSqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The handful of ND4J operations the model is built from, each writing into an array the caller owns.
 * Allocating ND4J arrays inside a training step costs more than the arithmetic (an 8 MB array takes
 * ~27 ms to create on a 2-core machine, the gemm that fills it ~5 ms), so nothing here allocates.
 */
public final class NdOps {
    private NdOps() {
    }

    /** A c-order view of {@code shape} starting {@code offset} elements into {@code base}'s buffer. */
    public static INDArray view(INDArray base, long offset, long... shape) {
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        if (offset + s > base.length()) {
            throw new IllegalArgumentException("view of " + s + " elements at " + offset
                    + " exceeds an array of " + base.length());
        }
        return Nd4j.create(base.data(), shape, stride, base.offset() + offset, 'c', base.dataType());
    }

    /** Copies Java ints into an int array the caller owns (no temporary ND4J array). */
    public static INDArray fill(INDArray target, int[] values) {
        checkFill(target, values.length);
        Transfers.toDevice();
        target.data().setData(values);
        return target;
    }

    /** Copies Java floats into a FLOAT or DOUBLE array the caller owns (no temporary ND4J array). */
    public static INDArray fill(INDArray target, float[] values) {
        checkFill(target, values.length);
        Transfers.toDevice();
        if (target.dataType() == DataType.FLOAT) {
            target.data().setData(values);
        } else {
            double[] wide = new double[values.length];
            for (int i = 0; i < wide.length; i++) {
                wide[i] = values[i];
            }
            target.data().setData(wide);
        }
        return target;
    }

    private static void checkFill(INDArray target, long n) {
        if (target.isView() || target.offset() != 0 || target.length() != n || target.data().length() != n) {
            throw new IllegalArgumentException("fill needs a whole array of " + n + " elements");
        }
    }

    /** A new zeroed array (allocation happens once, when buffers are built). */
    public static INDArray zeros(DataType type, long... shape) {
        return Nd4j.create(type, shape);
    }

    /**
     * {@code c = a' b' + beta c} where ' is an optional transpose: straight to the host BLAS where
     * {@link HostBlas#supports} the arrays (CPU backend), else ND4J's gemm.
     */
    public static void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double beta) {
        if (HostBlas.supports(a, b, c)) {
            HostBlas.gemm(a, b, c, transA, transB, beta);
        } else {
            Nd4j.gemm(a, b, c, transA, transB, 1.0, beta);
        }
    }

    /** {@code out = x w^T + bias}: torch.nn.Linear with the weight stored [out, in]. */
    public static void linear(INDArray x, INDArray w, INDArray bias, INDArray out) {
        gemm(x, w, out, false, true, 0.0);
        addRow(out, bias);
    }

    /** {@code out = relu(x w^T + bias)}; the bias and ReLU in one pass where {@link HostMath} can. */
    public static void linearRelu(INDArray x, INDArray w, INDArray bias, INDArray out) {
        if (HostMath.supports(out, bias)) {
            gemm(x, w, out, false, true, 0.0);
            HostMath.biasRelu(out, bias);
        } else {
            linear(x, w, bias, out);
            relu(out);
        }
    }

    /**
     * {@code out = x wT + bias} with the weight already transposed ({@code [in, out]}): on the CPU backend
     * straight through the host BLAS ({@link HostBlas#linear}), elsewhere as one ND4J op (xw_plus_b).
     */
    public static void linearTransposed(INDArray x, INDArray wT, INDArray bias, INDArray out) {
        if (HostBlas.supports(x, wT, bias, out)) {
            HostBlas.linear(x, wT, bias, null, out);
        } else {
            xwPlusB(x, wT, bias, out);
        }
    }

    /** {@code out = x wT + bias + residual}: {@link #linearTransposed} and a residual connection in one call. */
    public static void linearTransposedResidual(INDArray x, INDArray wT, INDArray bias, INDArray residual,
                                                INDArray out) {
        if (HostBlas.supports(x, wT, bias, residual, out)) {
            HostBlas.linear(x, wT, bias, residual, out);
        } else {
            xwPlusB(x, wT, bias, out);
            out.addi(residual);
        }
    }

    /** {@code out = x wT + bias} as ND4J's xw_plus_b op (runs on every backend). */
    public static void xwPlusB(INDArray x, INDArray wT, INDArray bias, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("xw_plus_b").addInputs(x, wT, bias).addOutputs(out).build());
    }

    /**
     * Gradients of {@link #linear}: {@code dW += dOut^T x}, {@code dB += colsum(dOut)} and, when {@code dx}
     * is not null, {@code dx = dOut w}.
     */
    public static void linearBackward(INDArray x, INDArray w, INDArray dOut, INDArray dx,
                                      INDArray dW, INDArray dB, INDArray onesRows) {
        gemm(dOut, x, dW, true, false, 1.0);
        colSumAccumulate(dOut, onesRows, dB);
        if (dx != null) {
            gemm(dOut, w, dx, false, false, 0.0);
        }
    }

    /**
     * {@code acc += sum over rows of m}, as {@code ones^T m} (a one-row gemm; ND4J's sum(0) is 3-25x slower,
     * and the transposed gemv {@code m^T ones} was 3x slower in the training step for m of width 768).
     */
    public static void colSumAccumulate(INDArray m, INDArray onesRows, INDArray acc) {
        if (HostBlas.supports(m, onesRows, acc)) {           // the same product, without a [1, n] view of acc
            HostBlas.colSumAccumulate(m, onesRows, acc);
        } else {
            gemm(onesRows, m, view(acc, 0, 1, acc.length()), false, false, 1.0);
        }
    }

    /** {@code m[i, :] += row}: one vector pass where {@link HostMath} can, else ND4J's broadcast add. */
    public static void addRow(INDArray m, INDArray row) {
        if (m.rank() == 2 && HostMath.supports(m, row)) {
            HostMath.addRow(m, row);
        } else {
            Nd4j.exec(new BroadcastAddOp(m, row, m, 1));
        }
    }

    /** {@code out[i, :] = m[i, :] * row}. */
    public static void mulRow(INDArray m, INDArray row, INDArray out) {
        Nd4j.exec(new BroadcastMulOp(m, row, out, 1));
    }

    /**
     * {@code out[i, :] = m[i, :] - col[i]}. Uses the numpy-broadcasting custom op with col as {@code [N, 1]}:
     * ND4J's BroadcastSubOp along dimension 0 walks columns and is 10-30x slower on c-order arrays.
     */
    public static void subColumn(INDArray m, INDArray col, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("subtract")
                .addInputs(m, view(col, 0, col.length(), 1)).addOutputs(out).build());
    }

    /** {@code out[i, :] = m[i, :] * col[i]} (see {@link #subColumn} for why not BroadcastMulOp). */
    public static void mulColumn(INDArray m, INDArray col, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("multiply")
                .addInputs(m, view(col, 0, col.length(), 1)).addOutputs(out).build());
    }

    /** Per-row mean and biased variance of {@code m} in one pass ({@code moments} op). */
    public static void rowMoments(INDArray m, INDArray mean, INDArray variance) {
        Nd4j.exec(DynamicCustomOp.builder("moments")
                .addInputs(m).addOutputs(mean, variance).addIntegerArguments(1).build());
    }

    /**
     * {@code out[i, :] = (m[i, :] - mean[i]) / sqrt(variance[i] + eps)} in one op: ND4J's batchnorm with the
     * statistics indexed by row (its layer_norm op has no epsilon, so it cannot match PyTorch).
     */
    public static void normalizeRows(INDArray m, INDArray mean, INDArray variance, double eps, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("batchnorm")
                .addInputs(m, mean, variance).addOutputs(out)
                .addFloatingPointArguments(eps).addIntegerArguments(0, 0, 0).build());
    }

    /**
     * {@link #rowMoments} + {@link #normalizeRows} for FLOAT rows on the CPU backend (see
     * {@link HostBlas#supports}), computed in Java: one copy out of ND4J's memory into {@code scratch} (at least
     * {@code m.length()} floats), mean and biased variance per row in double precision, one copy back. A
     * decoding step normalizes 16 rows of 256; the two ND4J ops cost ~100 us there ({@code ouro bench ops}:
     * "decode LayerNorm, host").
     */
    public static void normalizeRowsOnHost(INDArray m, INDArray out, double eps, float[] scratch) {
        int rows = (int) m.size(0);
        int width = (int) m.size(1);
        int n = rows * width;
        new HostBlas.Memory(m).read(0, scratch, n);
        for (int r = 0; r < rows; r++) {
            int from = r * width;
            double sum = 0;
            for (int i = from; i < from + width; i++) {
                sum += scratch[i];
            }
            double mean = sum / width;
            double squares = 0;
            for (int i = from; i < from + width; i++) {
                double d = scratch[i] - mean;
                squares += d * d;
            }
            double rstd = 1.0 / Math.sqrt(squares / width + eps);
            for (int i = from; i < from + width; i++) {
                scratch[i] = (float) ((scratch[i] - mean) * rstd);
            }
        }
        new HostBlas.Memory(out).write(0, scratch, n);
    }

    /** {@code out[i] = mean_j m[i, j]}. */
    public static void rowMean(INDArray m, INDArray out) {
        Nd4j.exec(new Mean(m, out, 1));
    }

    /** {@code out[i] = sum_j m[i, j]}. */
    public static void rowSum(INDArray m, INDArray out) {
        Nd4j.exec(new Sum(m, out, 1));
    }

    /** {@code out[i] = max_j m[i, j]}. */
    public static void rowMax(INDArray m, INDArray out) {
        Nd4j.exec(new Max(m, out, 1));
    }

    /** Softmax over the last dimension of a rank-2 array, in place. */
    public static void softmaxRows(INDArray m) {
        Nd4j.exec(new SoftMax(m, m, 1));
    }

    /** {@code x = max(x, 0)} in place. */
    public static void relu(INDArray x) {
        if (HostMath.supports(x) && x.rank() == 2) {
            HostMath.biasRelu(x, null);
            return;
        }
        Nd4j.exec(new RectifiedLinear(x, x, 0.0));
    }

    /**
     * {@code grad *= (activation > 0)}, the ReLU derivative read off its output, which may be overwritten
     * with the 0/1 mask (sign of a ReLU output): one pass in {@link HostMath} where it can, else sign +
     * multiply (~9x faster here than ND4J's ThresholdReluBp).
     */
    public static void reluBackwardDestroying(INDArray activation, INDArray grad) {
        if (HostMath.supports(activation, grad)) {
            HostMath.reluBackward(activation, grad);
            return;
        }
        Nd4j.exec(new Sign(activation, activation));
        grad.muli(activation);
    }

    /** {@code x = exp(x)} in place. */
    public static void exp(INDArray x) {
        Nd4j.exec(new Exp(x, x));
    }

    /** {@code x = log(x)} in place. */
    public static void log(INDArray x) {
        Nd4j.exec(new Log(x, x));
    }

    /** {@code x = 1 / sqrt(x)} in place. */
    public static void rsqrt(INDArray x) {
        Nd4j.exec(new RSqrt(x, x));
    }

    /** {@code out[i, :] = table[ids[i], :]}. */
    public static void gatherRows(INDArray table, INDArray ids, INDArray out) {
        Nd4j.exec(DynamicCustomOp.builder("gather")
                .addInputs(table, ids).addOutputs(out).addIntegerArguments(0).build());
    }

    /**
     * {@code table[ids[i], :] += updates[i, :]}, single-threaded so repeated ids accumulate exactly and in
     * a fixed order (the op's lock flag). On CUDA the locked op gives every output element a thread that
     * loops over all indices: use {@link #embeddingBackward} or {@link #scatterAddDistinct} there.
     */
    public static void scatterAddRows(INDArray table, INDArray ids, INDArray updates) {
        Nd4j.exec(DynamicCustomOp.builder("scatter_add")
                .addInputs(table, ids, updates).addOutputs(table)
                .addBooleanArguments(true, false).build());
    }

    /** {@code table[ids[i], :] += updates[i, :]} for ids that never repeat: the unlocked scatter (no races). */
    public static void scatterAddDistinct(INDArray table, INDArray ids, INDArray updates) {
        Nd4j.exec(DynamicCustomOp.builder("scatter_add")
                .addInputs(table, ids, updates).addOutputs(table)
                .addBooleanArguments(false, false).build());
    }

    /**
     * The embedding gradient {@code table[ids[i], :] += updates[i, :]}, ids repeating. With the host paths
     * (CPU) the locked scatter, as before; elsewhere without it: the rows sorted by id (one gather), summed
     * per distinct id (one sorted segment_sum), and added to their distinct rows (one unlocked scatter). The
     * grouping is done on the host from {@code hostIds}, so only index arrays cross to the device.
     */
    public static void embeddingBackward(INDArray table, INDArray ids, int[] hostIds, INDArray updates) {
        if (HostBlas.supports(table, updates)) {
            scatterAddRows(table, ids, updates);
            return;
        }
        IdGroups g = IdGroups.of(hostIds);
        for (int i = 0; i < 3; i++) {
            Transfers.toDevice();                                   // order, segments, distinct ids
        }
        INDArray sorted = Nd4j.create(updates.dataType(), updates.size(0), updates.size(1));
        gatherRows(updates, Nd4j.createFromArray(g.order()), sorted);
        INDArray sums = Nd4j.create(updates.dataType(), g.distinct().length, updates.size(1));
        Nd4j.exec(DynamicCustomOp.builder("segment_sum")
                .addInputs(sorted, Nd4j.createFromArray(g.segments())).addOutputs(sums).build());
        scatterAddDistinct(table, Nd4j.createFromArray(g.distinct()), sums);
    }
}
