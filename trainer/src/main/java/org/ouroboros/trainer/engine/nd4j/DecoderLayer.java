package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One pre-LayerNorm OPT block: {@code h = x + Attn(LN1(x))}, {@code out = h + fc2(relu(fc1(LN2(h))))}.
 */
final class DecoderLayer {
    private DecoderLayer() {
    }

    /** Reads {@code x}, writes the block's output back into {@code x}; {@code mid} receives h. */
    static void forward(Parameters.Layer w, Activations.Layer l, Attention.Io io, INDArray x, INDArray mid,
                        int batch, int heads) {
        LayerNorm.forward(x, w.norm1Weight(), w.norm1Bias(), l.norm1);
        Attention.forward(w, io, batch, heads);             // io.out() is mid
        mid.addi(x);
        LayerNorm.forward(mid, w.norm2Weight(), w.norm2Bias(), l.norm2);
        NdOps.linearRelu(l.norm2.out, w.fc1Weight(), w.fc1Bias(), l.fc1Out);
        NdOps.linear(l.fc1Out, w.fc2Weight(), w.fc2Bias(), x);
        x.addi(mid);
    }

    /**
     * Given {@code b.dx} = gradient of the block's output, accumulates the block's parameter gradients into
     * {@code g} and turns {@code b.dx} into the gradient of the block's input.
     */
    static void backward(Parameters.Layer w, Parameters.Layer g, Activations.Layer l,
                         Activations.Backward b, INDArray onesRows, int batch, int heads) {
        NdOps.linearBackward(l.fc1Out, w.fc2Weight(), b.dx, b.dFc1, g.fc2Weight(), g.fc2Bias(), onesRows);
        NdOps.reluBackwardDestroying(l.fc1Out, b.dFc1);    // fc1Out is not needed after dW2
        NdOps.linearBackward(l.norm2.out, w.fc1Weight(), b.dFc1, b.dTmp, g.fc1Weight(), g.fc1Bias(), onesRows);
        LayerNorm.backward(b.dTmp, l.norm2, w.norm2Weight(), g.norm2Weight(), g.norm2Bias(), b.dTmp2, b.norm,
                onesRows);
        b.dx.addi(b.dTmp2);                                  // gradient of h
        Attention.backward(w, g, l.attention, b.attention, batch, heads);
        LayerNorm.backward(b.dTmp, l.norm1, w.norm1Weight(), g.norm1Weight(), g.norm1Bias(), b.dTmp2, b.norm,
                onesRows);
        b.dx.addi(b.dTmp2);                                  // gradient of x
    }
}
