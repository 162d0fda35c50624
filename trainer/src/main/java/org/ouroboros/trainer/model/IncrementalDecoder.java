package org.ouroboros.trainer.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One decoding step against a {@link KvCache}: the new tokens attend to the cached prefix and themselves,
 * their keys and values are appended, and only the last position's logits are computed.
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
        Parameters p = model.parameters();
        Activations a = model.activations(b, t, false);
        Scratch s = scratch(cache, cfg, t, p.flat().dataType());
        int total = past + t;
        INDArray probs = NdOps.view(s.probs, 0, (long) b * cfg.numHeads(), t, total);
        INDArray mask = null;
        if (t > 1) {
            mask = NdOps.view(s.mask, 0, (long) t * total);
            mask.assign(Nd4j.createFromArray(Attention.causalMask(t, past)).castTo(mask.dataType()));
        }
        model.embed(a, OptModel.flatten(tokens), past);
        for (int i = 0; i < cfg.numLayers(); i++) {
            Activations.Layer l = a.layers[i];
            Attention.Io shared = l.attention;
            Attention.Io io = new Attention.Io(l.norm1.out, shared.qkv(), shared.q(), cache.keys[i],
                    cache.values[i], past, probs, mask, shared.y(), shared.attnOut(), a.mid);
            DecoderLayer.forward(p.layer(i), l, io, a.x, a.mid, b, cfg.numHeads());
        }
        LayerNorm.forward(a.x, p.finalNormWeight(), p.finalNormBias(), a.finalNorm);
        INDArray hidden = a.finalNorm.out;
        if (t > 1) {
            NdOps.gatherRows(a.finalNorm.out, s.lastRows, s.hidden);
            hidden = s.hidden;
        }
        NdOps.gemm(hidden, p.embedTokens(), s.logits, false, true, 0.0);
        cache.advance(t);
        return s.logits;
    }

    private static Scratch scratch(KvCache cache, OptConfig cfg, int t, DataType type) {
        return cache.scratch.computeIfAbsent(t, k -> new Scratch(cfg, cache, t, type));
    }
}
