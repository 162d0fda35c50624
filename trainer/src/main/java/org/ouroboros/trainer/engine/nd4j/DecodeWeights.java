package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model's weights rearranged for token-by-token decoding, where ND4J's per-op overhead dominates:
 * every Linear is stored transposed ({@code [in, out]}, which small-batch gemm prefers), each LayerNorm's
 * scale and shift are folded into the Linear that follows it ({@code (x̂·g + b)W^T + c = x̂(W diag g)^T + (bW^T + c)}),
 * and q's {@code hs^-0.5} is folded into the q projection. A decoding step then needs one op per Linear
 * and two per LayerNorm. Built from the current parameters; rebuild after they change.
 */
public final class DecodeWeights {
    /** One layer: fused q/k/v {@code [C, 3C]}, out {@code [C, C]}, fc1 {@code [C, F]}, fc2 {@code [F, C]}, with biases. */
    record Layer(INDArray qkv, INDArray qkvBias, INDArray out, INDArray outBias, INDArray fc1, INDArray fc1Bias,
                 INDArray fc2, INDArray fc2Bias) {
    }

    final Layer[] layers;
    final INDArray lmHead;      // [C, V]: the tied embedding with the final LayerNorm's scale folded in
    final INDArray lmBias;      // [V]: the final LayerNorm's shift through the embedding

    DecodeWeights(Parameters p) {
        OptConfig c = p.config();
        layers = new Layer[c.numLayers()];
        double scale = 1.0 / Math.sqrt(c.headDim());
        for (int i = 0; i < layers.length; i++) {
            Parameters.Layer w = p.layer(i);
            INDArray qkv = folded(w.qkvWeight(), w.norm1Weight());
            INDArray qkvBias = foldedBias(w.qkvWeight(), w.norm1Bias(), w.qkvBias());
            qkv.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, c.hiddenSize())).muli(scale);
            qkvBias.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, c.hiddenSize())).muli(scale);
            layers[i] = new Layer(qkv, qkvBias, w.outWeight().transpose().dup('c'), w.outBias().dup(),
                    folded(w.fc1Weight(), w.norm2Weight()), foldedBias(w.fc1Weight(), w.norm2Bias(), w.fc1Bias()),
                    w.fc2Weight().transpose().dup('c'), w.fc2Bias().dup());
        }
        lmHead = folded(p.embedTokens(), p.finalNormWeight());
        lmBias = foldedBias(p.embedTokens(), p.finalNormBias(), Nd4j.zeros(p.flat().dataType(), c.vocabSize()));
    }

    /** {@code (W diag(g))^T} as a c-order {@code [in, out]} array. */
    private static INDArray folded(INDArray weight, INDArray gain) {
        INDArray scaled = weight.ulike();
        NdOps.mulRow(weight, gain, scaled);
        return scaled.transpose().dup('c');
    }

    /** {@code shift W^T + bias}. */
    private static INDArray foldedBias(INDArray weight, INDArray shift, INDArray bias) {
        INDArray out = bias.dup();
        NdOps.gemm(weight, NdOps.view(shift, 0, shift.length(), 1), NdOps.view(out, 0, out.length(), 1),
                false, false, 1.0);
        return out;
    }
}
