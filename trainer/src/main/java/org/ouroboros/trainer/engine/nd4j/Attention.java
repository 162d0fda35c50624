package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * OPT's causal self-attention: one fused q/k/v projection, q scaled by {@code hs^-0.5} after its bias (as
 * HF does), batched {@code [B*H, T, T]} score and value products, and the out projection. The same forward
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

    /**
     * A whole sequence ({@code past = 0}, training and evaluation). On the CPU backend the heads are read
     * from and written into their rows by the host BLAS ({@link #attendOnHost}), so {@code io.q()} and the
     * stores stay untouched and {@code io.qkv()} must be kept for the backward pass.
     */
    static void forward(Parameters.Layer w, Io io, int batch, int heads) {
        NdOps.linear(io.normedInput(), w.qkvWeight(), w.qkvBias(), io.qkv());
        if (!attendOnHost(io, batch, heads)) {
            attend(io, batch, heads, true);
        }
        NdOps.linear(io.attnOut(), w.outWeight(), w.outBias(), io.out());
    }

    /**
     * Causal attention over a whole sequence as B x H host-BLAS products per matmul, each reading q, k and v
     * straight from their rows of {@code io.qkv()} ({@code [B*t, 3C]}, row stride 3C) and writing its head's
     * columns of {@code io.attnOut()}; HF's scaling of q is folded into the score product. ND4J's batched
     * matmul takes 1.0-1.9 ms for these 64 products of 128 x 128 x 64, the host loop 0.8 ms, and the
     * copies of q, k, v and y between row and head layouts go. Returns false (nothing done) where
     * {@link HostBlas#supports} says no.
     */
    static boolean attendOnHost(Io io, int batch, int heads) {
        if (io.past() != 0 || !HostBlas.supports(io.qkv(), io.probs(), io.attnOut())) {
            return false;
        }
        int t = (int) io.q().size(2);
        int hs = (int) io.q().size(3);
        int width = heads * hs;
        double scale = 1.0 / Math.sqrt(hs);
        HostBlas.Memory q = new HostBlas.Memory(io.qkv());
        HostBlas.Memory k = new HostBlas.Memory(io.qkv());
        HostBlas.Memory v = new HostBlas.Memory(io.qkv());
        HostBlas.Memory probs = new HostBlas.Memory(io.probs());
        HostBlas.Memory out = new HostBlas.Memory(io.attnOut());
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                long head = qkvHead(b, h, t, heads, hs);                     // q of (b, h); k at +C, v at +2C
                HostBlas.gemm(false, true, t, t, hs, scale, q, head, 3 * width, k, head + width, 3 * width,
                        0.0, probs, scoreBlock(b, h, heads, t, t), t);
            }
        }
        maskAndSoftmax(io, (long) batch * heads, t, t);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                HostBlas.gemm(false, false, t, hs, t, 1.0, probs, scoreBlock(b, h, heads, t, t), t,
                        v, qkvHead(b, h, t, heads, hs) + 2L * width, 3 * width, 0.0, out, rowHead(b, h, t, heads, hs),
                        width);
            }
        }
        return true;
    }

    /**
     * Causal attention from the projections in {@code io.qkv()} to the heads concatenated in
     * {@code io.attnOut()}: queries (scaled here unless the projection already did it), new keys and values
     * appended to the stores, scores, mask, softmax, weighted values. This is the path CUDA runs: each of
     * the two products is one {@link BatchedGemm} op over all B x H matrices (one cuBLAS batched call on
     * CUDA), not {@code Nd4j.matmul}, whose rank-3 form in ND4J 1.0.0-M2.1 is a naive kernel
     * ({@code mmulNxN}: one thread per output element, no BLAS; see docs/performance.md).
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
        BatchedGemm.product(batched(io.q()), false, keys, true, io.probs(), 1.0);     // [B*H, t, total]
        maskAndSoftmax(io, (long) batch * heads, t, total);
        BatchedGemm.product(io.probs(), false, values, false, batched(io.y()), 1.0);  // [B*H, t, hs]
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
                    long row = qkvHead(b, h, 1, heads, hs);
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
                HostBlas.gemm(t, total, hs, qkv, qkvHead(b, h, t, heads, hs), 3 * width,
                        keys, bh * cap * hs, hs, true, probs, scoreBlock(b, h, heads, t, total), total, 0.0);
            }
        }
        maskAndSoftmax(io, (long) batch * heads, t, total);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                long bh = (long) b * heads + h;
                HostBlas.gemm(t, hs, total, probs, scoreBlock(b, h, heads, t, total), total, values, bh * cap * hs,
                        hs, false, out, rowHead(b, h, t, heads, hs), width, 0.0);
            }
        }
        return true;
    }

    /** First element of head h of sequence b in a {@code [B*t, 3C]} q/k/v array: its q; its k at +C, v at +2C. */
    private static long qkvHead(int b, int h, int t, int heads, int hs) {
        return (long) b * t * 3 * heads * hs + (long) h * hs;
    }

    /** First element of head h of sequence b in a {@code [B*t, C]} array of concatenated heads. */
    private static long rowHead(int b, int h, int t, int heads, int hs) {
        return (long) b * t * heads * hs + (long) h * hs;
    }

    /** First element of (b, h)'s {@code t x total} block in {@code [B*H, t, total]} scores. */
    private static long scoreBlock(int b, int h, int heads, int t, int total) {
        return ((long) b * heads + h) * t * total;
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
        if (HostMath.supports(io.probs())) {      // one vector pass per row, the mask implied
            HostMath.causalSoftmax(io.probs(), (int) bh, (int) t, io.past());
            return;
        }
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

    /**
     * Training backward for a forward run with {@code past = 0}; accumulates into {@code g}. Follows the
     * forward's path: the host BLAS reading heads from their rows where it ran, else one batched_gemm op per
     * product over the head-layout copies.
     */
    static void backward(Parameters.Layer w, Parameters.Layer g, Io io, Grad d, int batch, int heads) {
        NdOps.linearBackward(io.attnOut(), w.outWeight(), d.dOut(), d.dAttnOut(),
                g.outWeight(), g.outBias(), d.onesRows());
        if (!backwardOnHost(io, d, batch, heads)) {
            backwardBatched(io, d, batch, heads);
        }
        NdOps.linearBackward(io.normedInput(), w.qkvWeight(), d.dqkv(), d.dInput(),
                g.qkvWeight(), g.qkvBias(), d.onesRows());
    }

    /**
     * From {@code d.dAttnOut()} to {@code d.dqkv()} with one {@link BatchedGemm} op per product over the
     * head-layout copies (after {@link #attend}); q's scaling rides in dQ's product.
     */
    private static void backwardBatched(Io io, Grad d, int batch, int heads) {
        long t = io.q().size(2);
        long hs = io.q().size(3);
        d.dq().assign(heads(d.dAttnOut(), batch, t, heads, hs));          // dq holds dY for now
        BatchedGemm.product(batched(d.dq()), false, batched(io.vStore()), true, d.dProbs(), 1.0);   // dP = dY V^T
        BatchedGemm.product(io.probs(), true, batched(d.dq()), false, batched(d.dv()), 1.0);      // dV = P^T dY
        softmaxBackward(io, d, (long) batch * heads * t, t);
        BatchedGemm.product(d.dProbs(), false, batched(io.kStore()), false, batched(d.dq()),
                1.0 / Math.sqrt(hs));                                                         // dQ = s dS K
        BatchedGemm.product(d.dProbs(), true, batched(io.q()), false, batched(d.dk()), 1.0);      // dK = dS^T (s Q)
        qkvHeads(d.dqkv(), 0, batch, t, heads, hs).assign(d.dq());
        qkvHeads(d.dqkv(), 1, batch, t, heads, hs).assign(d.dk());
        qkvHeads(d.dqkv(), 2, batch, t, heads, hs).assign(d.dv());
    }

    /**
     * From {@code d.dAttnOut()} to {@code d.dqkv()} with the host BLAS (after {@link #attendOnHost}), each
     * product reading and writing its head's columns of the row-layout arrays; false (nothing done) where
     * {@link HostBlas#supports} says no.
     */
    private static boolean backwardOnHost(Io io, Grad d, int batch, int heads) {
        if (!HostBlas.supports(io.qkv(), io.probs(), d.dAttnOut(), d.dProbs(), d.dqkv())) {
            return false;
        }
        int t = (int) io.q().size(2);
        int hs = (int) io.q().size(3);
        int width = heads * hs;
        int ld = 3 * width;
        double scale = 1.0 / Math.sqrt(hs);
        HostBlas.Memory q = new HostBlas.Memory(io.qkv());
        HostBlas.Memory k = new HostBlas.Memory(io.qkv());
        HostBlas.Memory v = new HostBlas.Memory(io.qkv());
        HostBlas.Memory probs = new HostBlas.Memory(io.probs());
        HostBlas.Memory dy = new HostBlas.Memory(d.dAttnOut());
        HostBlas.Memory dProbs = new HostBlas.Memory(d.dProbs());
        HostBlas.Memory dqkv = new HostBlas.Memory(d.dqkv());
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                long head = qkvHead(b, h, t, heads, hs);                  // q of (b, h); k at +C, v at +2C
                long rows = rowHead(b, h, t, heads, hs);
                long square = scoreBlock(b, h, heads, t, t);
                HostBlas.gemm(false, true, t, t, hs, 1.0, dy, rows, width, v, head + 2L * width, ld,
                        0.0, dProbs, square, t);                                     // dP = dY V^T
                HostBlas.gemm(true, false, t, hs, t, 1.0, probs, square, t, dy, rows, width,
                        0.0, dqkv, head + 2L * width, ld);                           // dV = P^T dY
            }
        }
        softmaxBackward(io, d, (long) batch * heads * t, t);
        for (int b = 0; b < batch; b++) {
            for (int h = 0; h < heads; h++) {
                long head = qkvHead(b, h, t, heads, hs);
                long square = scoreBlock(b, h, heads, t, t);
                HostBlas.gemm(false, false, t, hs, t, scale, dProbs, square, t, k, head + width, ld,
                        0.0, dqkv, head, ld);                                        // dQ = s dS K
                HostBlas.gemm(true, false, t, hs, t, scale, dProbs, square, t, q, head, ld,
                        0.0, dqkv, head + width, ld);                                // dK = s dS^T Q
            }
        }
        return true;
    }

    /**
     * {@code dS = P * (dP - rowsum(dP * P))} over {@code rows} rows of {@code t}, in place in {@code d.dProbs()}:
     * one vector pass per row where {@link HostMath} can, else four ND4J ops.
     */
    private static void softmaxBackward(Io io, Grad d, long rows, long t) {
        if (HostMath.supports(io.probs(), d.dProbs())) {
            HostMath.softmaxBackward(io.probs(), d.dProbs(), (int) t);
            return;
        }
        d.dProbs().mul(io.probs(), d.probsTmp());
        NdOps.rowSum(NdOps.view(d.probsTmp(), 0, rows, t), d.rowTmp());
        INDArray dScoresRows = NdOps.view(d.dProbs(), 0, rows, t);
        NdOps.subColumn(dScoresRows, d.rowTmp(), dScoresRows);
        d.dProbs().muli(io.probs());
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
