package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import org.ouroboros.trainer.engine.Batch;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every buffer a forward (and, for training, backward) pass over a {@code [B, T]} batch writes, allocated
 * once and reused for every batch of that shape. For training each layer keeps what its backward pass
 * needs; for inference all layers share one set.
 */
final class Activations {
    /** Batch geometry: B sequences of T tokens, width C, H heads, feed-forward F, vocabulary V. */
    record Shape(int b, int t, int c, int h, int f, int v) {
        long rows() {
            return (long) b * t;
        }

        int hs() {
            return c / h;
        }
    }

    /** What one decoder layer saves for its backward pass. */
    static final class Layer {
        final LayerNorm.Cache norm1;
        final LayerNorm.Cache norm2;
        final INDArray fc1Out;       // [N, F] after ReLU
        final Attention.Io attention;

        Layer(Shape s, DataType type, INDArray qkv, INDArray mask, INDArray y, INDArray mid) {
            norm1 = new LayerNorm.Cache(type, s.rows(), s.c());
            norm2 = new LayerNorm.Cache(type, s.rows(), s.c());
            fc1Out = NdOps.zeros(type, s.rows(), s.f());
            attention = new Attention.Io(norm1.out, qkv,
                    NdOps.zeros(type, s.b(), s.h(), s.t(), s.hs()),
                    NdOps.zeros(type, s.b(), s.h(), s.t(), s.hs()),
                    NdOps.zeros(type, s.b(), s.h(), s.t(), s.hs()),
                    0,
                    NdOps.zeros(type, (long) s.b() * s.h(), s.t(), s.t()),
                    mask, y,
                    NdOps.zeros(type, s.rows(), s.c()),
                    mid);
        }
    }

    /** Buffers only the backward pass needs. */
    static final class Backward {
        final INDArray dx;           // [N, C] gradient of the residual stream
        final INDArray dTmp;         // [N, C]
        final INDArray dTmp2;        // [N, C]
        final INDArray dFc1;         // [N, F]
        final LayerNorm.Scratch norm;
        final Attention.Grad attention;

        Backward(Shape s, DataType type, INDArray qkv, INDArray onesRows) {
            dx = NdOps.zeros(type, s.rows(), s.c());
            dTmp = NdOps.zeros(type, s.rows(), s.c());
            dTmp2 = NdOps.zeros(type, s.rows(), s.c());
            dFc1 = NdOps.zeros(type, s.rows(), s.f());
            norm = new LayerNorm.Scratch(type, s.rows(), s.c());
            long bh = (long) s.b() * s.h();
            attention = new Attention.Grad(dx, dTmp,
                    NdOps.zeros(type, s.b(), s.h(), s.t(), s.hs()),
                    NdOps.zeros(type, s.b(), s.h(), s.t(), s.hs()),
                    NdOps.zeros(type, s.b(), s.h(), s.t(), s.hs()),
                    NdOps.zeros(type, bh, s.t(), s.t()),
                    NdOps.zeros(type, bh, s.t(), s.t()),
                    NdOps.zeros(type, bh * s.t()),
                    qkv, dTmp, onesRows);
        }
    }

    final Shape shape;
    final Layer[] layers;
    final INDArray ids;          // [N] token ids
    int[] hostIds;               // the same ids in Java (the embedding gradient groups them on the host)
    final INDArray x;            // [N, C] residual stream: a layer's input, then its output
    final INDArray mid;          // [N, C] residual stream after attention
    final LayerNorm.Cache finalNorm;
    final INDArray logits;       // [N, V]; in backward, their gradient
    final INDArray onesRows;     // [1, N]
    final INDArray onesBatch;    // [1, B]
    final LossHead.Buffers loss;
    final Backward backward;     // null for inference
    private INDArray logitsScratch;

    /** A second {@code [N, V]} buffer, made on first use (entropy needs one). */
    INDArray logitsScratch() {
        if (logitsScratch == null) {
            logitsScratch = logits.ulike();
        }
        return logitsScratch;
    }

    Activations(OptConfig cfg, int batch, int length, boolean training, DataType type) {
        shape = new Shape(batch, length, cfg.hiddenSize(), cfg.numHeads(), cfg.ffnDim(), cfg.vocabSize());
        ids = Nd4j.create(DataType.INT, shape.rows());
        x = NdOps.zeros(type, shape.rows(), shape.c());
        mid = NdOps.zeros(type, shape.rows(), shape.c());
        // inference: the layers' shared q/k/v projections; training: each layer keeps its own for the
        // backward pass (Attention.attendOnHost reads the heads from there), and this one holds their gradient
        INDArray qkv = NdOps.zeros(type, shape.rows(), 3L * shape.c());
        INDArray mask = Nd4j.createFromArray(Attention.causalMask(length, 0)).castTo(type);
        INDArray y = NdOps.zeros(type, batch, shape.h(), length, shape.hs());
        layers = new Layer[cfg.numLayers()];
        Layer shared = training ? null : new Layer(shape, type, qkv, mask, y, mid);
        for (int i = 0; i < layers.length; i++) {
            layers[i] = training ? new Layer(shape, type, qkv.ulike(), mask, y, mid) : shared;
        }
        finalNorm = new LayerNorm.Cache(type, shape.rows(), shape.c());
        logits = NdOps.zeros(type, shape.rows(), shape.v());
        onesRows = Nd4j.ones(type, 1, shape.rows());
        onesBatch = Nd4j.ones(type, 1, batch);
        loss = new LossHead.Buffers(shape.rows(), type);
        backward = training ? new Backward(shape, type, qkv, onesRows) : null;
    }
}
