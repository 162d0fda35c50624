package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Next-token cross-entropy over {@code [N, V]} logits: per-row negative log-likelihood in nats, and its
 * gradient {@code (softmax - onehot) * scale} written over the logits. Targets are picked out of the
 * flattened logits by index, so no one-hot matrix is built.
 */
final class LossHead {
    /** Per-row buffers ({@code [N]} each). */
    static final class Buffers {
        final INDArray rowMax;
        final INDArray target;      // logit of the target minus the row max
        final INDArray sumExp;
        final INDArray nll;
        final INDArray tmp;
        final INDArray flatIndex;   // row * V + target, int
        final INDArray weights;     // per-row loss weight
        int[] targets;              // of the last forward

        Buffers(long rows, DataType type) {
            rowMax = NdOps.zeros(type, rows);
            target = NdOps.zeros(type, rows);
            sumExp = NdOps.zeros(type, rows);
            nll = NdOps.zeros(type, rows);
            tmp = NdOps.zeros(type, rows);
            flatIndex = Nd4j.create(DataType.INT, rows);
            weights = NdOps.zeros(type, rows);
        }
    }

    private LossHead() {
    }

    /**
     * Fills {@code b.nll}; afterwards {@code logits} holds {@code exp(logits - rowmax)}. FLOAT on the CPU goes
     * through {@link HostMath#crossEntropy} (one vectorised pass per row), the rest through ND4J ops.
     */
    static void forward(INDArray logits, int[] targets, Buffers b) {
        b.targets = targets;
        if (HostMath.supports(logits, b.nll, b.sumExp)) {
            float[] nll = new float[targets.length];
            float[] sumExp = new float[targets.length];
            HostMath.crossEntropy(logits, targets, nll, sumExp);
            NdOps.fill(b.nll, nll);
            NdOps.fill(b.sumExp, sumExp);
            return;
        }
        long vocab = logits.size(1);
        int[] flat = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            flat[i] = Math.toIntExact(i * vocab + targets[i]);
        }
        NdOps.fill(b.flatIndex, flat);
        NdOps.rowMax(logits, b.rowMax);
        NdOps.subColumn(logits, b.rowMax, logits);
        NdOps.gatherRows(NdOps.view(logits, 0, logits.length()), b.flatIndex, b.target);
        NdOps.exp(logits);
        NdOps.rowSum(logits, b.sumExp);
        b.nll.assign(b.sumExp);
        NdOps.log(b.nll);
        b.nll.subi(b.target);
    }

    /**
     * Predictive entropy per row in nats, {@code H = log s - sum(e * z) / s} with {@code z = logits - max},
     * {@code e = exp(z)}, {@code s = sum(e)}. Overwrites {@code logits} with z and {@code tmp} with e*z.
     */
    static void entropy(INDArray logits, INDArray tmp, Buffers b) {
        NdOps.rowMax(logits, b.rowMax);
        NdOps.subColumn(logits, b.rowMax, logits);
        tmp.assign(logits);
        NdOps.exp(tmp);
        NdOps.rowSum(tmp, b.sumExp);
        tmp.muli(logits);
        NdOps.rowSum(tmp, b.target);
        b.target.divi(b.sumExp);
        b.nll.assign(b.sumExp);
        NdOps.log(b.nll);
        b.nll.subi(b.target);
    }

    /** After {@link #forward}: {@code logits = (softmax - onehot(target)) * rowScale} per row. */
    static void backward(INDArray logits, INDArray rowScale, Buffers b) {
        if (HostMath.supports(logits, rowScale, b.sumExp)) {
            HostMath.crossEntropyBackward(logits, b.targets, b.sumExp.toFloatVector(), rowScale.toFloatVector());
            return;
        }
        rowScale.div(b.sumExp, b.tmp);
        NdOps.mulColumn(logits, b.tmp, logits);
        rowScale.mul(-1.0, b.tmp);
        NdOps.scatterAddDistinct(NdOps.view(logits, 0, logits.length()), b.flatIndex, b.tmp);  // one index per row
    }
}
