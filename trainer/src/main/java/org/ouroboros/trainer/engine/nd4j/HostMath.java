package org.ouroboros.trainer.engine.nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise passes of training and decoding written with the JDK's vector API
 * ({@code jdk.incubator.vector}) over the host memory of FLOAT ND4J arrays: softmax cross-entropy, the causal
 * attention softmax and its backward, LayerNorm and its backward, bias + ReLU, the ReLU backward, row adds,
 * the token + position embedding, AdamW and the gradient norm, each as one pass over its rows instead of one
 * to sixteen ND4J ops. Large passes are split over the common fork-join pool; small ones (a decoding step's
 * 16 rows) stay on the calling thread.
 *
 * <p>Why: ND4J's transform ops run scalar code (its exp takes ~1.6 ns per element on two cores here, so the
 * cross-entropy's exp over 16 x 128 x 4096 logits alone took ~13 ms of a ~380 ms step) and each op is a
 * separate pass over memory. A vector exp does the same in well under 1 ns on one core, and a row of logits
 * (16 KB) stays in cache between the max, exp and sum. The exp and the lane sums are {@link LaneMath}'s, not
 * the vector API's own {@code lanewise(EXP)} and {@code reduceLanes(ADD)}, whose rounding depends on whether
 * the JIT has compiled the kernel yet: with LaneMath a seed gives the same bits in every run (about 1.5x the
 * time of SVML's exp, ~0.3% of a training step).
 *
 * <p>Threads never change a result: rows are split into a fixed number of chunks that depends only on the
 * shape, each row is computed by one thread, and per-chunk partial sums are added in chunk order.
 *
 * <p>Only where {@link #supports} says so: the CPU backend, FLOAT, dense c-order arrays ({@link HostBlas#supports})
 * and the {@code jdk.incubator.vector} module present ({@code --add-modules jdk.incubator.vector}, which
 * {@code scripts/ouro} and the tests pass). Callers keep their ND4J path for everything else.
 */
public final class HostMath {
    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Arrays are addressed through ByteBuffers, which hold at most 2 GB. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE / Float.BYTES;

    private HostMath() {
    }

    /** Whether these arrays can go through this class: FLOAT, CPU, dense c-order, vector module loaded. */
    public static boolean supports(INDArray... arrays) {
        if (!VECTOR_MODULE || arrays[0].dataType() != DataType.FLOAT) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a.length() > MAX_ELEMENTS) {
                return false;
            }
        }
        return HostBlas.supports(arrays);
    }

    /** A direct buffer over exactly the array's elements (a view's start included), native byte order. */
    static ByteBuffer bytes(INDArray a) {
        FloatPointer first = new HostBlas.Memory(a).floatsAt(0);
        return first.limit(first.position() + a.length()).asByteBuffer().order(ORDER);
    }

    /** Runs {@code body} for chunk indices 0..chunks-1, shared between this thread and the common fork-join pool. */
    static void parallel(int chunks, IntConsumer body) {
        if (chunks == 1) {
            body.accept(0);
        } else {
            IntStream.range(0, chunks).parallel().forEach(body);
        }
    }

    // Kernels (only called after supports(): they load the vector API classes).

    /**
     * Softmax cross-entropy of each row of {@code logits} ({@code [N, V]}) against {@code targets}:
     * {@code nll[r] = log(sum exp(z - max)) - (z[target] - max)}; leaves {@code exp(z - max)} in the logits
     * and the row sums in {@code sumExp} (for {@link #crossEntropyBackward}).
     */
    public static void crossEntropy(INDArray logits, int[] targets, float[] nll, float[] sumExp) {
        Kernels.crossEntropy(logits, targets, nll, sumExp);
    }

    /** After {@link #crossEntropy}: each row becomes {@code (softmax - onehot(target)) * scale[r]}. */
    static void crossEntropyBackward(INDArray logits, int[] targets, float[] sumExp, float[] scale) {
        Kernels.crossEntropyBackward(logits, targets, sumExp, scale);
    }

    /**
     * Causal softmax in place over {@code [blocks, t, past + t]} scores of t new queries against past + t keys:
     * row i of each block keeps columns 0..past+i (normalised), the rest become 0, as adding a -inf mask
     * above that diagonal and a softmax would. With one query ({@code t = 1}) it is a plain row softmax.
     */
    public static void causalSoftmax(INDArray scores, int blocks, int t, int past) {
        Kernels.causalSoftmax(scores, blocks, t, past);
    }

    /** {@code out[r, :] = table[ids[r], :] + positions[r % t, :]}: token plus position embeddings of t-token rows. */
    static void embed(INDArray table, int[] ids, INDArray positions, int t, INDArray out) {
        Kernels.embed(table, ids, positions, t, out);
    }

    /** {@code dP = P * (dP - rowsum(dP * P))} in place in {@code dProbs}, rows of {@code t}. */
    static void softmaxBackward(INDArray probs, INDArray dProbs, int t) {
        Kernels.softmaxBackward(probs, dProbs, t);
    }

    /**
     * LayerNorm of each row of {@code x} ({@code [N, C]}): {@code xhat = (x - mean) * rstd} with
     * {@code rstd = 1 / sqrt(var + eps)} (biased variance), {@code out = xhat * gamma + beta}; fills
     * {@code mean} and {@code rstd} ({@code N} each).
     */
    public static void layerNorm(INDArray x, INDArray gamma, INDArray beta, double eps, INDArray xhat, INDArray out,
                                 float[] mean, float[] rstd) {
        Kernels.layerNorm(x, gamma, beta, (float) eps, xhat, out, mean, rstd);
    }

    /** {@code xhat = (x - mean) / sqrt(var + eps)} per row of {@code x}, without LayerNorm's gain and shift. */
    static void normalize(INDArray x, double eps, INDArray xhat) {
        Kernels.layerNorm(x, null, null, (float) eps, xhat, null, null, null);
    }

    /**
     * LayerNorm's backward from {@code dOut}: {@code dGamma += colsum(dOut * xhat)}, {@code dBeta += colsum(dOut)}
     * and {@code dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))} with {@code dxhat = dOut * gamma}.
     */
    static void layerNormBackward(INDArray dOut, INDArray xhat, float[] rstd, INDArray gamma, INDArray dx,
                                  INDArray dGamma, INDArray dBeta) {
        Kernels.layerNormBackward(dOut, xhat, rstd, gamma, dx, dGamma, dBeta);
    }

    /** {@code m[r, :] += row} for each row of {@code m} ({@code [N, C]}). */
    static void addRow(INDArray m, INDArray row) {
        Kernels.addRow(m, row, false);
    }

    /** {@code x = max(x + bias, 0)} for each row of {@code x} ({@code bias} one row); bias may be null. */
    static void biasRelu(INDArray x, INDArray bias) {
        Kernels.addRow(x, bias, true);
    }

    /** {@code grad = 0} wherever {@code activation <= 0} (the ReLU's derivative read off its output). */
    static void reluBackward(INDArray activation, INDArray grad) {
        Kernels.reluBackward(activation, grad);
    }

    /**
     * One AdamW update over the flat parameter vector, as {@link org.ouroboros.trainer.optim.AdamW} states it:
     * the first {@code decayed} elements are multiplied by {@code decay}, then {@code m = b1 m + (1-b1) g},
     * {@code v = b2 v + (1-b2) g^2}, {@code p -= stepSize * m / (sqrt(v) / sqrtBc2 + eps)}.
     */
    public static void adamW(INDArray p, INDArray g, INDArray m, INDArray v, long decayed, double decay,
                             double b1, double b2, double stepSize, double sqrtBc2, double eps) {
        Kernels.adamW(p, g, m, v, decayed, decay, b1, b2, stepSize, sqrtBc2, eps);
    }

    /** Sum of squares of all elements: float vector lanes within each 64K-element chunk, double across chunks. */
    public static double sumOfSquares(INDArray a) {
        return Kernels.sumOfSquares(a);
    }

    /** The vector code, in its own class so that nothing loads the incubator module unless it is there. */
    private static final class Kernels {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final int L = S.length();
        /** Elements per parallel chunk of the flat passes (AdamW, norms). */
        private static final int CHUNK = 1 << 16;

        private Kernels() {
        }

        private static FloatVector load(ByteBuffer b, int i) {
            return FloatVector.fromByteBuffer(S, b, 4 * i, ORDER);
        }

        static void crossEntropy(INDArray logits, int[] targets, float[] nll, float[] sumExp) {
            ByteBuffer z = bytes(logits);
            int vocab = (int) logits.size(1);
            int rows = targets.length;
            forEachRow(rows, vocab, r -> {
                int row = r * vocab;
                float max = max(z, row, vocab);
                float target = z.getFloat(4 * (row + targets[r])) - max;
                float sum = expMinusAndSum(z, row, vocab, max);
                sumExp[r] = sum;
                nll[r] = (float) StrictMath.log(sum) - target;
            });
        }

        static void crossEntropyBackward(INDArray logits, int[] targets, float[] sumExp, float[] scale) {
            ByteBuffer z = bytes(logits);
            int vocab = (int) logits.size(1);
            int rows = targets.length;
            forEachRow(rows, vocab, r -> {
                int row = r * vocab;
                scaleRange(z, row, vocab, scale[r] / sumExp[r]);
                int at = 4 * (row + targets[r]);
                z.putFloat(at, z.getFloat(at) - scale[r]);
            });
        }

        static void causalSoftmax(INDArray scores, int blocks, int t, int past) {
            ByteBuffer s = bytes(scores);
            int total = past + t;
            forEachRow(blocks, (long) t * total, b -> {
                for (int i = 0; i < t; i++) {
                    int row = (b * t + i) * total;
                    int visible = past + i + 1;
                    float max = max(s, row, visible);
                    float sum = expMinusAndSum(s, row, visible, max);
                    scaleRange(s, row, visible, 1f / sum);
                    fillZero(s, row + visible, total - visible);
                }
            });
        }

        static void embed(INDArray tableA, int[] ids, INDArray positionsA, int t, INDArray outA) {
            ByteBuffer table = bytes(tableA);
            ByteBuffer positions = bytes(positionsA);
            ByteBuffer out = bytes(outA);
            int width = (int) tableA.size(1);
            int rows = ids.length;
            forEachRow(rows, width, r -> {
                int token = ids[r] * width;
                int position = (r % t) * width;
                int row = r * width;
                int i = 0;
                for (; i <= width - L; i += L) {
                    load(table, token + i).add(load(positions, position + i))
                            .intoByteBuffer(out, 4 * (row + i), ORDER);
                }
                for (; i < width; i++) {
                    out.putFloat(4 * (row + i), table.getFloat(4 * (token + i)) + positions.getFloat(4 * (position + i)));
                }
            });
        }

        static void softmaxBackward(INDArray probs, INDArray dProbs, int t) {
            ByteBuffer p = bytes(probs);
            ByteBuffer d = bytes(dProbs);
            int rows = (int) (probs.length() / t);
            forEachRow(rows, t, r -> {
                int row = r * t;
                FloatVector acc = FloatVector.zero(S);
                int i = 0;
                for (; i <= t - L; i += L) {
                    acc = load(d, row + i).fma(load(p, row + i), acc);
                }
                float dot = LaneMath.sum(acc);
                for (; i < t; i++) {
                    dot += d.getFloat(4 * (row + i)) * p.getFloat(4 * (row + i));
                }
                for (i = 0; i <= t - L; i += L) {
                    load(d, row + i).sub(dot).mul(load(p, row + i)).intoByteBuffer(d, 4 * (row + i), ORDER);
                }
                for (; i < t; i++) {
                    int at = 4 * (row + i);
                    d.putFloat(at, (d.getFloat(at) - dot) * p.getFloat(at));
                }
            });
        }

        static void layerNorm(INDArray xa, INDArray gammaA, INDArray betaA, float eps, INDArray xhatA,
                              INDArray outA, float[] mean, float[] rstd) {
            ByteBuffer x = bytes(xa);
            ByteBuffer xhat = bytes(xhatA);
            boolean affine = outA != null;                    // else x-hat only (decoding folds gamma, beta)
            ByteBuffer out = affine ? bytes(outA) : null;
            float[] gamma = affine ? gammaA.toFloatVector() : null;
            float[] beta = affine ? betaA.toFloatVector() : null;
            int width = (int) xa.size(1);
            int rows = (int) xa.size(0);
            forEachRow(rows, width, r -> {
                int row = r * width;
                float mu = sum(x, row, width) / width;
                FloatVector acc = FloatVector.zero(S);
                int i = 0;
                for (; i <= width - L; i += L) {
                    FloatVector d = load(x, row + i).sub(mu);
                    acc = d.fma(d, acc);
                }
                float squares = LaneMath.sum(acc);
                for (; i < width; i++) {
                    float d = x.getFloat(4 * (row + i)) - mu;
                    squares += d * d;
                }
                float rs = (float) (1.0 / Math.sqrt(squares / width + eps));
                for (i = 0; i <= width - L; i += L) {
                    load(x, row + i).sub(mu).mul(rs).intoByteBuffer(xhat, 4 * (row + i), ORDER);
                }
                for (; i < width; i++) {
                    xhat.putFloat(4 * (row + i), (x.getFloat(4 * (row + i)) - mu) * rs);
                }
                if (!affine) {
                    return;
                }
                mean[r] = mu;
                rstd[r] = rs;
                for (i = 0; i <= width - L; i += L) {            // the row of x-hat is still in cache
                    load(xhat, row + i).fma(FloatVector.fromArray(S, gamma, i), FloatVector.fromArray(S, beta, i))
                            .intoByteBuffer(out, 4 * (row + i), ORDER);
                }
                for (; i < width; i++) {
                    out.putFloat(4 * (row + i), xhat.getFloat(4 * (row + i)) * gamma[i] + beta[i]);
                }
            });
        }

        static void layerNormBackward(INDArray dOutA, INDArray xhatA, float[] rstd, INDArray gammaA,
                                      INDArray dxA, INDArray dGammaA, INDArray dBetaA) {
            ByteBuffer dOut = bytes(dOutA);
            ByteBuffer xhat = bytes(xhatA);
            ByteBuffer dx = bytes(dxA);
            float[] gamma = gammaA.toFloatVector();
            int width = gamma.length;
            int rows = rstd.length;
            int chunks = chunks(rows, width);
            float[][] dGamma = new float[chunks][width];      // per chunk, summed below in chunk order
            float[][] dBeta = new float[chunks][width];
            parallel(chunks, c -> {
                float[] dg = dGamma[c];
                float[] db = dBeta[c];
                for (int r = from(c, rows, chunks); r < to(c, rows, chunks); r++) {
                    int row = r * width;
                    FloatVector sumDxhat = FloatVector.zero(S);
                    FloatVector sumDxhatXhat = FloatVector.zero(S);
                    int i = 0;
                    for (; i <= width - L; i += L) {
                        FloatVector d = load(dOut, row + i);
                        FloatVector h = load(xhat, row + i);
                        d.fma(h, FloatVector.fromArray(S, dg, i)).intoArray(dg, i);
                        d.add(FloatVector.fromArray(S, db, i)).intoArray(db, i);
                        FloatVector dh = d.mul(FloatVector.fromArray(S, gamma, i));
                        sumDxhat = sumDxhat.add(dh);
                        sumDxhatXhat = dh.fma(h, sumDxhatXhat);
                    }
                    float a = LaneMath.sum(sumDxhat);
                    float b = LaneMath.sum(sumDxhatXhat);
                    for (; i < width; i++) {
                        float d = dOut.getFloat(4 * (row + i));
                        float h = xhat.getFloat(4 * (row + i));
                        dg[i] += d * h;
                        db[i] += d;
                        a += d * gamma[i];
                        b += d * gamma[i] * h;
                    }
                    float meanDxhat = a / width;
                    float meanDxhatXhat = b / width;
                    float rs = rstd[r];
                    for (i = 0; i <= width - L; i += L) {
                        FloatVector dh = load(dOut, row + i).mul(FloatVector.fromArray(S, gamma, i));
                        dh.sub(load(xhat, row + i).mul(meanDxhatXhat)).sub(meanDxhat).mul(rs)
                                .intoByteBuffer(dx, 4 * (row + i), ORDER);
                    }
                    for (; i < width; i++) {
                        float dh = dOut.getFloat(4 * (row + i)) * gamma[i];
                        dx.putFloat(4 * (row + i), (dh - xhat.getFloat(4 * (row + i)) * meanDxhatXhat - meanDxhat) * rs);
                    }
                }
            });
            addColumns(dGammaA, dGamma);
            addColumns(dBetaA, dBeta);
        }

        /** {@code target += sum of parts}, the parts added in order. */
        private static void addColumns(INDArray target, float[][] parts) {
            float[] sum = target.toFloatVector();
            for (float[] part : parts) {
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += part[i];
                }
            }
            ByteBuffer t = bytes(target);
            for (int i = 0; i < sum.length; i++) {
                t.putFloat(4 * i, sum[i]);
            }
        }

        /** {@code x[r, :] += row}, then {@code max(., 0)} when {@code relu}; a null row adds nothing. */
        static void addRow(INDArray xa, INDArray rowA, boolean relu) {
            ByteBuffer x = bytes(xa);
            int width = (int) xa.size(1);
            float[] row = rowA == null ? new float[width] : rowA.toFloatVector();
            float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
            int rows = (int) xa.size(0);
            forEachRow(rows, width, r -> {
                int at = r * width;
                int i = 0;
                for (; i <= width - L; i += L) {
                    load(x, at + i).add(FloatVector.fromArray(S, row, i)).max(floor)
                            .intoByteBuffer(x, 4 * (at + i), ORDER);
                }
                for (; i < width; i++) {
                    x.putFloat(4 * (at + i), Math.max(x.getFloat(4 * (at + i)) + row[i], floor));
                }
            });
        }

        static void reluBackward(INDArray activationA, INDArray gradA) {
            ByteBuffer a = bytes(activationA);
            ByteBuffer g = bytes(gradA);
            int n = Math.toIntExact(gradA.length());
            FloatVector zero = FloatVector.zero(S);
            parallel((n + CHUNK - 1) / CHUNK, c -> {
                int from = c * CHUNK;
                int to = Math.min(n, from + CHUNK);
                int i = from;
                for (; i <= to - L; i += L) {
                    load(g, i).blend(zero, load(a, i).compare(VectorOperators.LE, 0f))
                            .intoByteBuffer(g, 4 * i, ORDER);
                }
                for (; i < to; i++) {
                    if (a.getFloat(4 * i) <= 0f) {
                        g.putFloat(4 * i, 0f);
                    }
                }
            });
        }

        static void adamW(INDArray pa, INDArray ga, INDArray ma, INDArray va, long decayed, double decay,
                          double b1, double b2, double stepSize, double sqrtBc2, double eps) {
            ByteBuffer p = bytes(pa);
            ByteBuffer g = bytes(ga);
            ByteBuffer m = bytes(ma);
            ByteBuffer v = bytes(va);
            int n = Math.toIntExact(pa.length());
            int split = Math.toIntExact(decayed);
            int decayedChunks = (split + CHUNK - 1) / CHUNK;
            int chunks = decayedChunks + (n - split + CHUNK - 1) / CHUNK;
            parallel(chunks, c -> {
                // chunks first cover [0, decayed) (weight decay), then [decayed, n)
                boolean decays = c < decayedChunks;
                int from = decays ? c * CHUNK : split + (c - decayedChunks) * CHUNK;
                int to = Math.min(decays ? split : n, from + CHUNK);
                adamRange(p, g, m, v, from, to, decays ? (float) decay : 1f, (float) b1, (float) b2,
                        (float) -stepSize, (float) sqrtBc2, (float) eps);
            });
        }

        private static void adamRange(ByteBuffer p, ByteBuffer g, ByteBuffer m, ByteBuffer v, int from, int to,
                                      float decay, float b1, float b2, float step, float sqrtBc2, float eps) {
            float b1c = 1 - b1;
            float b2c = 1 - b2;
            int i = from;
            for (; i <= to - L; i += L) {
                FloatVector gi = load(g, i);
                FloatVector mi = load(m, i).mul(b1).add(gi.mul(b1c));
                FloatVector vi = load(v, i).mul(b2).add(gi.mul(gi).mul(b2c));
                FloatVector denom = vi.lanewise(VectorOperators.SQRT).div(sqrtBc2).add(eps);
                FloatVector pi = load(p, i).mul(decay).add(mi.div(denom).mul(step));
                mi.intoByteBuffer(m, 4 * i, ORDER);
                vi.intoByteBuffer(v, 4 * i, ORDER);
                pi.intoByteBuffer(p, 4 * i, ORDER);
            }
            for (; i < to; i++) {
                int at = 4 * i;
                float gi = g.getFloat(at);
                float mi = m.getFloat(at) * b1 + gi * b1c;
                float vi = v.getFloat(at) * b2 + gi * gi * b2c;
                m.putFloat(at, mi);
                v.putFloat(at, vi);
                p.putFloat(at, p.getFloat(at) * decay + mi / ((float) Math.sqrt(vi) / sqrtBc2 + eps) * step);
            }
        }

        static double sumOfSquares(INDArray a) {
            ByteBuffer x = bytes(a);
            int n = Math.toIntExact(a.length());
            int chunks = (n + CHUNK - 1) / CHUNK;
            double[] partial = new double[chunks];
            parallel(chunks, c -> {
                int from = c * CHUNK;
                int to = Math.min(n, from + CHUNK);
                FloatVector acc = FloatVector.zero(S);
                int i = from;
                for (; i <= to - L; i += L) {
                    FloatVector xi = load(x, i);
                    acc = xi.fma(xi, acc);
                }
                double sum = LaneMath.sum(acc);
                for (; i < to; i++) {
                    double xi = x.getFloat(4 * i);
                    sum += xi * xi;
                }
                partial[c] = sum;
            });
            double sum = 0;
            for (double s : partial) {
                sum += s;
            }
            return sum;
        }

        private static float sum(ByteBuffer b, int from, int n) {
            FloatVector acc = FloatVector.zero(S);
            int i = 0;
            for (; i <= n - L; i += L) {
                acc = acc.add(load(b, from + i));
            }
            float sum = LaneMath.sum(acc);
            for (; i < n; i++) {
                sum += b.getFloat(4 * (from + i));
            }
            return sum;
        }

        private static float max(ByteBuffer b, int from, int n) {
            FloatVector acc = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            int i = 0;
            for (; i <= n - L; i += L) {
                acc = acc.max(load(b, from + i));
            }
            float max = acc.reduceLanes(VectorOperators.MAX);
            for (; i < n; i++) {
                max = Math.max(max, b.getFloat(4 * (from + i)));
            }
            return max;
        }

        /** {@code x = exp(x - shift)} over the range, returning the sum of the new values. */
        private static float expMinusAndSum(ByteBuffer b, int from, int n, float shift) {
            FloatVector acc = FloatVector.zero(S);
            int i = 0;
            for (; i <= n - L; i += L) {
                FloatVector e = LaneMath.exp(load(b, from + i).sub(shift));
                e.intoByteBuffer(b, 4 * (from + i), ORDER);
                acc = acc.add(e);
            }
            float sum = LaneMath.sum(acc);
            for (; i < n; i++) {
                int at = 4 * (from + i);
                float e = LaneMath.exp(b.getFloat(at) - shift);
                b.putFloat(at, e);
                sum += e;
            }
            return sum;
        }

        private static void scaleRange(ByteBuffer b, int from, int n, float factor) {
            int i = 0;
            for (; i <= n - L; i += L) {
                load(b, from + i).mul(factor).intoByteBuffer(b, 4 * (from + i), ORDER);
            }
            for (; i < n; i++) {
                int at = 4 * (from + i);
                b.putFloat(at, b.getFloat(at) * factor);
            }
        }

        private static void fillZero(ByteBuffer b, int from, int n) {
            FloatVector zero = FloatVector.zero(S);
            int i = 0;
            for (; i <= n - L; i += L) {
                zero.intoByteBuffer(b, 4 * (from + i), ORDER);
            }
            for (; i < n; i++) {
                b.putFloat(4 * (from + i), 0f);
            }
        }

        /** Runs {@code body} for each row index, the rows split into chunks shared between threads ({@link #chunks}). */
        private static void forEachRow(int rows, long width, IntConsumer body) {
            int chunks = chunks(rows, width);
            parallel(chunks, c -> {
                for (int r = from(c, rows, chunks); r < to(c, rows, chunks); r++) {
                    body.accept(r);
                }
            });
        }

        /**
         * Row chunks for {@link #parallel}: a few per core, so an uneven split costs little, and just one
         * (this thread) below {@code CHUNK} elements, where handing work to another thread costs more than
         * it saves (a decoding step's 16 rows).
         */
        private static int chunks(int rows, long width) {
            return rows * width < CHUNK ? 1 : Math.min(rows, 8);
        }

        private static int from(int chunk, int rows, int chunks) {
            return (int) ((long) rows * chunk / chunks);
        }

        private static int to(int chunk, int rows, int chunks) {
            return (int) ((long) rows * (chunk + 1) / chunks);
        }
    }
}
