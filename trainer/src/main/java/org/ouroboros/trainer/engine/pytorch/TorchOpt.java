package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * HuggingFace's {@code OPTForCausalLM} forward pass in libtorch ops through DJL, top to bottom as
 * {@code modeling_opt.py} reads: token plus learned position embeddings, pre-LayerNorm decoder layers
 * (self-attention, then a ReLU feed-forward block, each around a residual), a final LayerNorm and the LM head
 * tied to the token embedding. Autograd records it when a gradient collector is open; with a
 * {@link TorchKvCache} it decodes incrementally. The matrix products go through {@link TorchMatmuls} (float32,
 * or bfloat16 autocast-style); embeddings, LayerNorm, softmax and everything after the logits stay float32.
 */
final class TorchOpt {
    private static final float LAYER_NORM_EPS = 1e-5f;

    private final OptConfig config;
    private final TorchWeights weights;
    private final TorchMatmuls matmuls;
    private final float scaling;

    TorchOpt(TorchWeights weights) {
        this(weights, TorchMatmuls.FLOAT32);
    }

    TorchOpt(TorchWeights weights, TorchMatmuls matmuls) {
        this.config = weights.config();
        this.weights = weights;
        this.matmuls = matmuls;
        this.scaling = (float) (1.0 / Math.sqrt(config.headDim()));
    }

    /**
     * Next-token logits {@code [B, T, V]} for ids {@code [B, T]} (int64). With a cache the ids continue the
     * cached sequences (positions start at its length) and their keys and values are appended to it.
     */
    NDArray logits(NDArray ids, TorchKvCache cache) {
        return lmHead(decoder(ids, cache));
    }

    /** The LM head, tied to the token embedding: {@code [B, T, C] -> [B, T, V]}. */
    NDArray lmHead(NDArray hidden) {
        return linear(hidden, weights.embedTokens(), null);
    }

    /** {@code OPTDecoder.forward}: the final hidden states {@code [B, T, C]}. */
    NDArray decoder(NDArray ids, TorchKvCache cache) {
        long t = ids.getShape().get(1);
        int past = cache == null ? 0 : cache.length();
        if (past + t > config.maxPositions()) {
            throw new IllegalArgumentException("sequence length " + (past + t) + " exceeds max_position_embeddings "
                    + config.maxPositions());
        }
        if (cache != null) {
            cache.reserve((int) t);
        }
        NDArray tokens = ids.getNDArrayInternal().embedding(ids, weights.embedTokens(),
                SparseFormat.DENSE).singletonOrThrow();              // [B, T, C]
        // OPT's learned positions are offset by 2 (a fairseq leftover): position p reads row p + 2
        int first = past + OptConfig.POSITION_OFFSET;
        NDArray positions = weights.embedPositions().get(new NDIndex("{}:{}", first, first + t));   // [T, C]
        NDArray x = tokens.add(positions);
        NDArray mask = t > 1 ? causalMask(ids.getManager(), t, past) : null;
        for (int i = 0; i < config.numLayers(); i++) {
            x = decoderLayer(weights.layer(i), i, x, mask, cache);
        }
        if (cache != null) {
            cache.advance((int) t);
        }
        return layerNorm(x, weights.finalNormWeight(), weights.finalNormBias());
    }

    /** {@code OPTDecoderLayer.forward} with {@code do_layer_norm_before=True}. */
    private NDArray decoderLayer(TorchWeights.Layer l, int index, NDArray x, NDArray mask, TorchKvCache cache) {
        NDArray residual = x;
        NDArray h = layerNorm(x, l.selfAttnNormWeight(), l.selfAttnNormBias());
        h = selfAttention(l, index, h, mask, cache);
        x = residual.add(h);
        residual = x;
        h = layerNorm(x, l.finalNormWeight(), l.finalNormBias());
        h = linear(h, l.fc1Weight(), l.fc1Bias()).getNDArrayInternal().relu();
        h = linear(h, l.fc2Weight(), l.fc2Bias());
        return residual.add(h);
    }

    /** {@code OPTAttention.forward}: causal multi-head self-attention. */
    private NDArray selfAttention(TorchWeights.Layer l, int index, NDArray x, NDArray mask, TorchKvCache cache) {
        Shape shape = x.getShape();
        long b = shape.get(0);
        long t = shape.get(1);
        // q is scaled (after its bias) before the dot product
        NDArray q = linear(x, l.qWeight(), l.qBias());
        q = heads(q.mul(TorchScalars.of(q, scaling)), b, t);                          // [B, H, T, hs]
        NDArray k = heads(linear(x, l.kWeight(), l.kBias()), b, t);
        NDArray v = heads(linear(x, l.vWeight(), l.vBias()), b, t);
        if (cache != null) {
            NDArray[] kv = cache.append(index, k, v);                                // [B, H, past + T, hs]
            k = kv[0];
            v = kv[1];
        }
        NDArray scores = matmuls.matMul(q, k.transpose(0, 1, 3, 2));              // [B, H, T, S]
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray probs = scores.softmax(-1);
        NDArray context = matmuls.matMul(probs, v)                                 // [B, H, T, hs]
                .transpose(0, 2, 1, 3).reshape(b, t, config.hiddenSize());           // [B, T, C]
        return linear(context, l.outWeight(), l.outBias());
    }

    /** {@code [B, T, C] -> [B, H, T, hs]}. */
    private NDArray heads(NDArray x, long b, long t) {
        return x.reshape(b, t, config.numHeads(), config.headDim()).transpose(0, 2, 1, 3);
    }

    /** Additive causal mask {@code [T, past + T]}: query i sees keys 0 .. past + i. */
    private static NDArray causalMask(NDManager manager, long t, int past) {
        NDArray query = manager.arange(past, past + (int) t).reshape(t, 1);
        NDArray key = manager.arange(0, past + (int) t).reshape(1, past + t);
        NDArray blocked = key.gt(query);
        Shape shape = blocked.getShape();
        return manager.full(shape, Float.NEGATIVE_INFINITY).getNDArrayInternal().where(blocked, manager.zeros(shape));
    }

    /** {@code nn.LayerNorm} over the last dimension, in float32. */
    private NDArray layerNorm(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(config.hiddenSize()), weight, bias, LAYER_NORM_EPS)
                .singletonOrThrow();
    }

    /** {@code nn.Linear}: {@code x W^T + b}. */
    private NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return matmuls.linear(x, weight, bias);
    }
}
