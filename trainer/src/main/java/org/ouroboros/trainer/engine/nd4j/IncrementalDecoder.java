package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One decoding step against a {@link KvCache}: the new tokens attend to the cached prefix and themselves,
 * their keys and values are appended, and only the last position's logits are computed. Uses the cache's
 * {@link DecodeWeights}, so each Linear is one op and each LayerNorm two.
 */
final class IncrementalDecoder {
    /** Per-cache scratch for steps of {@code t} new tokens: attention weights and mask sized for the full cache. */
    static final class Scratch {
        final INDArray probs;    // capacity B*H*t*cap, viewed as [B*H, t, past+t]
        final INDArray mask;     // capacity t*cap
        final INDArray lastRows; // [B] int: index of each row's last new position
        final INDArray hidden;   // [B, C]
        final INDArray logits;   // [B, V]

        Scratch(OptConfig cfg, KvCache cache, int t, DataType type) {
            long bh = (long) cache.batch() * cfg.numHeads();
            probs = Nd4j.create(type, bh * t * cache.capacity());
            mask = Nd4j.create(type, (long) t * cache.capacity());
            int[] last = new int[cache.batch()];
            for (int i = 0; i < last.length; i++) {
                last[i] = i * t + t - 1;
            }
            lastRows = Nd4j.createFromArray(last);
            hidden = Nd4j.create(type, cache.batch(), cfg.hiddenSize());
            logits = Nd4j.create(type, cache.batch(), cfg.vocabSize());
        }
    }

    private IncrementalDecoder() {
    }

    static INDArray step(OptModel model, KvCache cache, int[][] tokens) {
        OptConfig cfg = model.config();
        int b = tokens.length;
        int t = tokens[0].length;
        int past = cache.length();
        if (b != cache.batch()) {
            throw new IllegalArgumentException("cache holds " + cache.batch() + " sequences, got " + b + " rows");
        }
        if (past + t > cache.capacity()) {
            throw new IllegalArgumentException("cache full: " + past + " + " + t + " tokens exceed capacity "
                    + cache.capacity());
        }
        Activations a = model.activations(b, t, false);
        Scratch s = cache.scratch.computeIfAbsent(t, k -> new Scratch(cfg, cache, t, a.x.dataType()));
        int total = past + t;
        INDArray probs = NdOps.view(s.probs, 0, (long) b * cfg.numHeads(), t, total);
        INDArray mask = null;
        if (t > 1) {
            mask = NdOps.view(s.mask, 0, (long) t * total);
            mask.assign(Nd4j.createFromArray(Attention.causalMask(t, past)).castTo(mask.dataType()));
            Transfers.toDevice();
        }
        model.embed(a, OptModel.flatten(tokens), past);
        DecodeWeights w = cache.weights();
        for (int i = 0; i < cfg.numLayers(); i++) {
            layer(w.layers[i], a.layers[i], a, new Attention.Io(a.layers[i].norm1.xhat, a.layers[i].attention.qkv(),
                    a.layers[i].attention.q(), cache.keys[i], cache.values[i], past, probs, mask,
                    a.layers[i].attention.y(), a.layers[i].attention.attnOut(), a.mid), b, cfg.numHeads(),
                    cache);
        }
        LayerNorm.normalize(a.x, a.finalNorm);
        INDArray hidden = a.finalNorm.xhat;
        if (t > 1) {
            NdOps.gatherRows(a.finalNorm.xhat, s.lastRows, s.hidden);
            hidden = s.hidden;
        }
        NdOps.linearTransposed(hidden, w.lmHead, w.lmBias, s.logits);
        cache.advance(t);
        return s.logits;
    }

    /** One block with folded weights: {@code h = x + Attn(x̂)}, {@code x = h + fc2(relu(fc1(ĥ)))}. */
    private static void layer(DecodeWeights.Layer w, Activations.Layer l, Activations a, Attention.Io io, int batch,
                              int heads, KvCache cache) {
        LayerNorm.normalize(a.x, l.norm1);
        NdOps.linearTransposed(l.norm1.xhat, w.qkv(), w.qkvBias(), io.qkv());
        if (Attention.attendCached(io, batch, heads)) {             // q arrives scaled
            cache.hostBlasLayers++;
        }
        NdOps.linearTransposedResidual(io.attnOut(), w.out(), w.outBias(), a.x, a.mid);
        LayerNorm.normalize(a.mid, l.norm2);
        NdOps.linearTransposed(l.norm2.xhat, w.fc1(), w.fc1Bias(), l.fc1Out);
        NdOps.relu(l.fc1Out);
        NdOps.linearTransposedResidual(l.fc1Out, w.fc2(), w.fc2Bias(), a.mid, a.x);
    }
}
