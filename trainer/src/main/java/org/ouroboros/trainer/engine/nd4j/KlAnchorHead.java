package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The KL anchor's term on the logits: {@code KL(p_ref || p_model)} per position and its gradient
 * {@code softmax(logits) - p_ref} with respect to the model's logits (the gradient of a cross-entropy with
 * soft targets p_ref; the reference's own entropy is a constant).
 */
public final class KlAnchorHead {
    private KlAnchorHead() {
    }

    /** Row-wise log-softmax of {@code logits [N, V]}; a new array. */
    public static INDArray logSoftmax(INDArray logits) {
        INDArray max = logits.max(1).reshape(logits.rows(), 1);
        INDArray shifted = logits.subColumnVector(max);
        INDArray lse = Transforms.log(Transforms.exp(shifted, true).sum(1).reshape(logits.rows(), 1), false);
        return shifted.subiColumnVector(lse);
    }

    /**
     * The gradient {@code (softmax(logits) - exp(refLogProbs)) * weight} per row ({@code [N, V]}, new), and in
     * {@code klOut[0]} the weighted sum over rows of {@code KL(p_ref || p_model)} in nats.
     */
    static INDArray gradient(INDArray logits, INDArray refLogProbs, INDArray weights, double[] klOut) {
        INDArray w = weights.reshape(logits.rows(), 1).castTo(logits.dataType());
        INDArray ref = refLogProbs.castTo(logits.dataType());
        INDArray logp = logSoftmax(logits);
        INDArray pRef = Transforms.exp(ref, true);
        INDArray klRows = pRef.mul(ref.sub(logp)).sum(1).reshape(logits.rows(), 1);
        klOut[0] = Nd4j.getBlasWrapper().dot(klRows.reshape(-1), w.reshape(-1));
        return Transforms.exp(logp, false).subi(pRef).muliColumnVector(w);
    }
}
