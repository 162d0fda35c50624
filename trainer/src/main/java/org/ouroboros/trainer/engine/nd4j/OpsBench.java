package org.ouroboros.trainer.engine.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The primitive behind each speed-up of docs/performance.md, timed side by side in one process: the way a
 * straightforward ND4J program does it against the way the model does it, interleaved, median of repeats.
 */
public final class OpsBench {
    /** One comparison: microseconds per call before and after, and the speed-up. */
    public record Case(String name, String shape, String before, String after, double beforeMicros,
                       double afterMicros, double speedup) {
    }

    private OpsBench() {
    }

    /**
     * Whether the host-path rows can run: they use the host BLAS and the vector kernels on host memory, which
     * only ND4J's CPU backend has; elsewhere only the rows comparing ND4J ops with ND4J ops run.
     */
    public static boolean hostPathsAvailable() {
        return HostBlas.onCpu();
    }

    /** Every comparison this backend can run (see {@link #hostPathsAvailable}). */
    public static List<Case> run(int repeats) {
        boolean host = hostPathsAvailable();
        List<Case> out = new ArrayList<>();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2048, 256);
        INDArray w = Nd4j.rand(DataType.FLOAT, 768, 256);
        INDArray y = Nd4j.create(DataType.FLOAT, 2048, 768);
        out.add(compare("matmul output", "2048x256 . (768x256)^T", "x.mmul(w^T) allocates the result",
                "gemm into a preallocated array", () -> x.mmul(w.transpose()),
                () -> NdOps.gemm(x, w, y, false, true, 0.0), repeats));
        INDArray logits = Nd4j.rand(DataType.FLOAT, 2048, 4096);
        INDArray col = Nd4j.rand(DataType.FLOAT, 2048);
        INDArray dst = logits.ulike();
        out.add(compare("scale each row", "2048x4096 by 2048", "BroadcastMulOp along dimension 0",
                "numpy-style multiply by [N,1]", () -> Nd4j.exec(new BroadcastMulOp(logits, col, dst, 0)),
                () -> NdOps.mulColumn(logits, col, dst), repeats));
        INDArray act = Nd4j.rand(DataType.FLOAT, 2048, 1024).subi(0.5);
        NdOps.relu(act);
        INDArray grad = Nd4j.rand(DataType.FLOAT, 2048, 1024);
        INDArray mask = act.ulike();
        if (host) {
            out.add(compare("ReLU backward", "2048x1024", "ThresholdReluBp", "one masked vector pass (HostMath)",
                    () -> Nd4j.exec(new ThresholdReluBp(act, grad, grad, 0.0)),
                    () -> {
                        mask.assign(act);
                        NdOps.reluBackwardDestroying(mask, grad);
                    }, repeats));
            out.addAll(vectorKernels(repeats));
        }
        INDArray h = Nd4j.rand(DataType.FLOAT, 16, 256);
        INDArray w1 = Nd4j.rand(DataType.FLOAT, 1024, 256);
        INDArray w1t = w1.transpose().dup('c');
        INDArray b1 = Nd4j.rand(DataType.FLOAT, 1024);
        INDArray o1 = Nd4j.create(DataType.FLOAT, 16, 1024);
        out.add(compare("decode Linear", "16x256 -> 1024", "gemm with W^T, then bias add",
                "one xw_plus_b on W stored transposed", () -> {
                    Nd4j.gemm(h, w1, o1, false, true, 1.0, 0.0);     // ND4J's own ops (NdOps.linear is host code now)
                    Nd4j.exec(new BroadcastAddOp(o1, b1, o1, 1));
                },
                () -> NdOps.xwPlusB(h, w1t, b1, o1), repeats));
        INDArray wq = Nd4j.rand(DataType.FLOAT, 256, 768);
        INDArray bq = Nd4j.rand(DataType.FLOAT, 768);
        INDArray oq = Nd4j.create(DataType.FLOAT, 16, 768);
        if (host) {
            out.add(compare("decode Linear, host BLAS", "16x256 -> 768", "xw_plus_b (ND4J op)",
                    "bias rows copied, then cblas_sgemm adding x W", () -> NdOps.xwPlusB(h, wq, bq, oq),
                    () -> HostBlas.linear(h, wq, bq, null, oq), repeats * 20));
        }
        INDArray g = Nd4j.rand(DataType.FLOAT, 256);
        INDArray mean = Nd4j.create(DataType.FLOAT, 16);
        INDArray var = Nd4j.create(DataType.FLOAT, 16);
        INDArray xhat = h.ulike();
        INDArray ln = h.ulike();
        out.add(compare("decode LayerNorm", "16x256", "mean, subtract, square, mean, +eps, rsqrt, scale, gain, shift",
                "moments + batchnorm; gain and shift folded into the next Linear", () -> {
                    Nd4j.exec(new Mean(h, mean, 1));
                    NdOps.subColumn(h, mean, xhat);
                    xhat.mul(xhat, ln);
                    Nd4j.exec(new Mean(ln, var, 1));
                    var.addi(1e-5);
                    NdOps.rsqrt(var);
                    NdOps.mulColumn(xhat, var, xhat);
                    NdOps.mulRow(xhat, g, ln);
                    Nd4j.exec(new BroadcastAddOp(ln, g, ln, 1));
                }, () -> {
                    NdOps.rowMoments(h, mean, var);
                    NdOps.normalizeRows(h, mean, var, 1e-5, xhat);
                }, repeats * 20));
        if (host) {
            float[] hostRows = new float[(int) h.length()];
            out.add(compare("decode LayerNorm, host", "16x256", "moments + batchnorm (ND4J ops)",
                    "copy out, mean and variance in Java, copy back", () -> {
                        NdOps.rowMoments(h, mean, var);
                        NdOps.normalizeRows(h, mean, var, 1e-5, xhat);
                    }, () -> NdOps.normalizeRowsOnHost(h, xhat, 1e-5, hostRows), repeats * 20));
            out.add(decodeAttention(repeats * 20));
        }
        return out;
    }

    /** The training step's element-wise passes: ND4J ops against one {@link HostMath} pass. */
    private static List<Case> vectorKernels(int repeats) {
        List<Case> out = new ArrayList<>();
        int rows = 2048;
        INDArray logitsA = Nd4j.rand(DataType.FLOAT, rows, 4096).muli(8);
        INDArray logitsB = logitsA.dup();
        INDArray rowMax = Nd4j.create(DataType.FLOAT, rows);
        INDArray rowSum = Nd4j.create(DataType.FLOAT, rows);
        int[] targets = new java.util.SplittableRandom(0).ints(rows, 0, 4096).toArray();
        float[] nll = new float[rows];
        float[] sumExp = new float[rows];
        out.add(compare("cross-entropy", "2048x4096", "row max, subtract, exp, row sum (ND4J ops)",
                "one vector pass per row (HostMath)", () -> {
                    NdOps.rowMax(logitsA, rowMax);
                    NdOps.subColumn(logitsA, rowMax, logitsA);
                    NdOps.exp(logitsA);
                    NdOps.rowSum(logitsA, rowSum);
                }, () -> HostMath.crossEntropy(logitsB, targets, nll, sumExp), repeats));
        INDArray scoresA = Nd4j.rand(DataType.FLOAT, 64, 128, 128);
        INDArray scoresB = scoresA.dup();
        INDArray mask = Nd4j.create(DataType.FLOAT, 128 * 128);   // the additive mask; its values do not change the time
        out.add(compare("attention softmax", "64x128x128, causal", "add the mask, softmax op",
                "one vector pass per row, mask implied (HostMath)", () -> {
                    NdOps.addRow(NdOps.view(scoresA, 0, 64, 128 * 128), mask);
                    NdOps.softmaxRows(NdOps.view(scoresA, 0, 64 * 128, 128));
                }, () -> HostMath.causalSoftmax(scoresB, 64, 128, 0), repeats));
        INDArray x = Nd4j.rand(DataType.FLOAT, rows, 256);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 256);
        INDArray beta = Nd4j.rand(DataType.FLOAT, 256);
        INDArray mean = Nd4j.create(DataType.FLOAT, rows);
        INDArray rstd = Nd4j.create(DataType.FLOAT, rows);
        INDArray xhat = x.ulike();
        INDArray y = x.ulike();
        float[] hostMean = new float[rows];
        float[] hostRstd = new float[rows];
        out.add(compare("LayerNorm forward", "2048x256", "moments, +eps, rsqrt, subtract, scale, gain, shift",
                "one vector pass per row (HostMath)", () -> {
                    NdOps.rowMoments(x, mean, rstd);
                    rstd.addi(1e-5);
                    NdOps.rsqrt(rstd);
                    NdOps.subColumn(x, mean, xhat);
                    NdOps.mulColumn(xhat, rstd, xhat);
                    NdOps.mulRow(xhat, gamma, y);
                    NdOps.addRow(y, beta);
                }, () -> HostMath.layerNorm(x, gamma, beta, 1e-5, xhat, y, hostMean, hostRstd), repeats));
        return out;
    }

    /** Scores of 16 sequences x 4 heads, one new query each, against a 128-position prefix of the KV cache. */
    private static Case decodeAttention(int repeats) {
        int bh = 64;
        int hs = 64;
        int cap = 256;
        int prefix = 128;
        INDArray q = Nd4j.rand(DataType.FLOAT, bh, 1, hs);
        INDArray store = Nd4j.rand(DataType.FLOAT, bh, cap, hs);
        INDArray keys = Nd4j.create(store.data(), new long[] {bh, prefix, hs}, new long[] {(long) cap * hs, hs, 1},
                0, 'c', DataType.FLOAT);
        INDArray scores = Nd4j.create(DataType.FLOAT, bh, 1, prefix);
        return compare("decode attention", "64 x (1x64 . (128x64)^T)", "ND4J batched matmul on the cache prefix",
                "64 cblas_sgemv calls on the cache's memory", () -> Nd4j.matmul(q, keys, scores, false, true, false),
                () -> {
                    HostBlas.Memory qm = new HostBlas.Memory(q);
                    HostBlas.Memory km = new HostBlas.Memory(store);
                    HostBlas.Memory sm = new HostBlas.Memory(scores);
                    for (int i = 0; i < bh; i++) {
                        HostBlas.gemm(1, prefix, hs, qm, (long) i * hs, hs, km, (long) i * cap * hs, hs, true,
                                sm, (long) i * prefix, prefix, 0.0);
                    }
                }, repeats);
    }

    private static Case compare(String name, String shape, String before, String after, Runnable a, Runnable b,
                                int repeats) {
        for (int i = 0; i < 3; i++) {
            a.run();
            b.run();
        }
        double[] ta = new double[repeats];
        double[] tb = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            ta[i] = micros(a);
            tb[i] = micros(b);
        }
        double ma = median(ta);
        double mb = median(tb);
        return new Case(name, shape, before, after, ma, mb, ma / mb);
    }

    private static double median(double[] v) {
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double micros(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e3;
    }
}
