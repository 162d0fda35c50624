package org.ouroboros.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * OPT's causal self-attention: one fused q/k/v projection, q scaled by {@code hs^-0.5} after its bias (as
 * HF does), batched {@code [B*H, T, T]} score and value matmuls, and the out projection. The same forward
 * serves training (keys = this batch) and incremental decoding (keys = a KV cache plus the new tokens).
 */
final class Attention {
    private Attention() {
    }

    /** Where one forward call reads and writes. {@code kStore}/{@code vStore} are {@code [B, H, capacity, hs]}. */
    record Io(INDArray normedInput,  // [B*t, C]
              INDArray qkv,          // [B*t, 3C] scratch
              INDArray q,            // [B, H, t, hs] out: scaled queries
              INDArray kStore,       // [B, H, cap, hs] keys; positions [past, past+t) are written
              INDArray vStore,       // [B, H, cap, hs] values
              int past,              // tokens already in the stores
              INDArray probs,        // [B*H, t, past+t] out: attention weights
              INDArray mask,         // [t * (past+t)] additive causal mask; null when t = 1
              INDArray y,            // [B, H, t, hs] scratch: weighted values
              INDArray attnOut,      // [B*t, C] out: heads concatenated
              INDArray out) {        // [B*t, C] out: after out_proj
    }

    static void forward(Parameters.Layer w, Io io, int batch, int heads) {
        NdOps.linear(io.normedInput(), w.qkvWeight(), w.qkvBias(), io.qkv());
        attend(io, batch, heads, true);
        NdOps.linear(io.attnOut(), w.outWeight(), w.outBias(), io.out());
    }

    /**
     * Causal attention from the projections in {@code io.qkv()} to the heads concatenated in
     * {@code io.attnOut()}: queries (scaled here unless the projection already did it), new keys and values
     * appended to the stores, scores, mask, softmax, weighted values.
     */
    static void attend(Io io, int batch, int heads, boolean scaleQ) {
        long t = io.q().size(2);
        long hs = io.q().size(3);
        long total = io.past() + t;
        io.q().assign(qkvHeads(io.qkv(), 0, batch, t, heads, hs));
        if (scaleQ) {
            io.q().muli(1.0 / Math.sqrt(hs));
        }
        appendKeysValues(io, batch, t, heads, hs);
        INDArray keys = storePrefix(io.kStore(), total);                    // [B*H, total, hs]
        INDArray values = storePrefix(io.vStore(), total);
        Nd4j.matmul(batched(io.q()), keys, io.probs(), false, true, false); // [B*H, t, total]
        maskAndSoftmax(io, (long) batch * heads, t, total);
        Nd4j.matmul(io.probs(), values, batched(io.y()), false, false, false);
        heads(io.attnOut(), batch, t, heads, hs).assign(io.y());
    }

    /**
     * Decoding attention when q already carries its scaling: on the CPU backend the score and value products
     * go to the host BLAS one sequence and head at a time, reading q and writing the heads straight from and
     * into their rows ({@link HostBlas}); otherwise {@link #attend}. Returns whether the host BLAS ran.
     */
    static boolean attendCached(Io io, int batch, int heads) {
        if (!HostBlas.supports(io.qkv(), io.kStore(), io.vStore(), io.probs(), io.attnOut())) {
            attend(io, batch, heads, false);
            return false;
        }
        int t = (int) io.q().size(2);
        int hs = (int) io.q().size(3);
        int width = heads * hs;
        int total = io.past() + t;
        long cap = io.kStore().size(2);
        HostBlas.Memory qkv = new HostBlas.Memory(io.qkv());
        HostBlas.Memory keys = new HostBlas.Memory(io.kStore());
        HostBlas.Memory values = new HostBlas.Memory(io.vStore());
        HostBlas.Memory probs = new HostBlas.Memory(io.probs());
        HostBlas.Memory out = new HostBlas.Memory(io.attnOut());
        if (t == 1) {        // append the new keys and values, one head row per copy
            for (int b = 0; b < batch; b++) {
                for (int h = 0; h < heads; h++) {
                    long store = (((long) b * heads + h) * cap + io.past()) * hs;
                    long row = (long) b * 3 * width + (long) h * hs;
                    HostBlas.copy(hs, qkv, row + width, keys, store);
                    HostBlas.copy(hs, qkv, row + 2L * width, values, store);
                }
            }
        } else {             // a prompt: B x H x t rows, cheaper as two ND4J assigns
            appendKeysValues(io, batch, t, heads, hs);
        }
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                long bh = (long) b * heads + h;
                HostBlas.gemm(t, total, hs, qkv, (long) b * t * 3 * width + (long) h * hs, 3 * width,
                        keys, bh * cap * hs, hs, true, probs, bh * t * total, total, 0.0);
            }
        }
        maskAndSoftmax(io, (long) batch * heads, t, total);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                long bh = (long) b * heads + h;
                HostBlas.gemm(t, hs, total, probs, bh * t * total, total, values, bh * cap * hs, hs, false,
                        out, (long) b * t * width + (long) h * hs, width, 0.0);
            }
        }
        return true;
    }

    /** Writes the new keys and values from {@code io.qkv()} into the stores at positions past..past+t-1. */
    private static void appendKeysValues(Io io, int batch, long t, int heads, long hs) {
        INDArrayIndex newPositions = NDArrayIndex.interval(io.past(), io.past() + t);
        io.kStore().get(NDArrayIndex.all(), NDArrayIndex.all(), newPositions, NDArrayIndex.all())
                .assign(qkvHeads(io.qkv(), 1, batch, t, heads, hs));
        io.vStore().get(NDArrayIndex.all(), NDArrayIndex.all(), newPositions, NDArrayIndex.all())
                .assign(qkvHeads(io.qkv(), 2, batch, t, heads, hs));
    }

    /** Adds the causal mask (when there is one) to the scores and turns each row into attention weights. */
    private static void maskAndSoftmax(Io io, long bh, long t, long total) {
        if (io.mask() != null) {
            NdOps.addRow(NdOps.view(io.probs(), 0, bh, t * total), io.mask());
        }
        NdOps.softmaxRows(NdOps.view(io.probs(), 0, bh * t, total));
    }

    /** Buffers of the attention backward pass, all owned by {@link Activations}. */
    record Grad(INDArray dOut,       // [N, C] in: gradient of the attention output (after out_proj)
                INDArray dAttnOut,   // [N, C] scratch
                INDArray dq,         // [B, H, T, hs] scratch
                INDArray dk,
                INDArray dv,
                INDArray dProbs,     // [B*H, T, T] scratch
                INDArray probsTmp,   // [B*H, T, T] scratch
                INDArray rowTmp,     // [B*H*T] scratch
                INDArray dqkv,       // [N, 3C] scratch
                INDArray dInput,     // [N, C] out: gradient of the normed input
                INDArray onesRows) {
    }

    /** Training backward for a forward run with {@code past = 0}; accumulates into {@code g}. */
    static void backward(Parameters.Layer w, Parameters.Layer g, Io io, Grad d, int batch, int heads) {
        long t = io.q().size(2);
        long hs = io.q().size(3);
        long bh = (long) batch * heads;
        NdOps.linearBackward(io.attnOut(), w.outWeight(), d.dOut(), d.dAttnOut(),
                g.outWeight(), g.outBias(), d.onesRows());
        d.dq().assign(heads(d.dAttnOut(), batch, t, heads, hs));          // dq holds dY for now
        Nd4j.matmul(batched(d.dq()), batched(io.vStore()), d.dProbs(), false, true, false);
        Nd4j.matmul(io.probs(), batched(d.dq()), batched(d.dv()), true, false, false);
        // softmax backward: dS = P * (dP - rowsum(dP * P))
        d.dProbs().mul(io.probs(), d.probsTmp());
        NdOps.rowSum(NdOps.view(d.probsTmp(), 0, bh * t, t), d.rowTmp());
        INDArray dScoresRows = NdOps.view(d.dProbs(), 0, bh * t, t);
        NdOps.subColumn(dScoresRows, d.rowTmp(), dScoresRows);
        d.dProbs().muli(io.probs());
        Nd4j.matmul(d.dProbs(), batched(io.kStore()), batched(d.dq()), false, false, false);
        d.dq().muli(1.0 / Math.sqrt(hs));
        Nd4j.matmul(d.dProbs(), batched(io.q()), batched(d.dk()), true, false, false);
        qkvHeads(d.dqkv(), 0, batch, t, heads, hs).assign(d.dq());
        qkvHeads(d.dqkv(), 1, batch, t, heads, hs).assign(d.dk());
        qkvHeads(d.dqkv(), 2, batch, t, heads, hs).assign(d.dv());
        NdOps.linearBackward(io.normedInput(), w.qkvWeight(), d.dqkv(), d.dInput(),
                g.qkvWeight(), g.qkvBias(), d.onesRows());
    }

    /** Part {@code part} (0 q, 1 k, 2 v) of a {@code [B*t, 3C]} array as {@code [B, H, t, hs]}. */
    private static INDArray qkvHeads(INDArray qkv, int part, int batch, long t, int heads, long hs) {
        INDArray five = NdOps.view(qkv, 0, batch, t, 3, heads, hs);
        return five.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(part),
                NDArrayIndex.all(), NDArrayIndex.all()).permute(0, 2, 1, 3);
    }

    /** A {@code [B*t, C]} array as {@code [B, H, t, hs]}. */
    private static INDArray heads(INDArray rows, int batch, long t, int heads, long hs) {
        return NdOps.view(rows, 0, batch, t, heads, hs).permute(0, 2, 1, 3);
    }

    /** A contiguous {@code [B, H, t, hs]} array as {@code [B*H, t, hs]}. */
    static INDArray batched(INDArray fourD) {
        long[] s = fourD.shape();
        return NdOps.view(fourD, 0, s[0] * s[1], s[2], s[3]);
    }

    /** The first {@code length} positions of a {@code [B, H, cap, hs]} store as {@code [B*H, length, hs]}. */
    private static INDArray storePrefix(INDArray store, long length) {
        long[] s = store.shape();
        if (length == s[2]) {
            return batched(store);
        }
        return Nd4j.create(store.data(), new long[] {s[0] * s[1], length, s[3]},
                new long[] {s[2] * s[3], s[3], 1}, store.offset(), 'c', store.dataType());
    }

    /** Additive mask for t new queries at positions past..past+t-1 over past+t keys: -1e9 above the diagonal. */
    static double[] causalMask(int t, int past) {
        int total = past + t;
        double[] m = new double[t * total];
        for (int i = 0; i < t; i++) {
            for (int j = past + i + 1; j < total; j++) {
                m[i * total + j] = -1e9;
            }
        }
        return m;
    }
}
