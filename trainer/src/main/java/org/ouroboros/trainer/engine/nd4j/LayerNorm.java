package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LayerNorm over the last dimension, {@code y = (x - mean) / sqrt(var + 1e-5) * gamma + beta} with the
 * biased variance, as {@code torch.nn.LayerNorm} computes it.
 */
final class LayerNorm {
    static final double EPS = 1e-5;

    /** What the backward pass keeps from one application: x-hat, 1/std per row, and the output. */
    static final class Cache {
        final INDArray xhat;
        final INDArray mean;
        final INDArray rstd;
        final INDArray out;
        private float[] host;     // decoding on the host: the rows as Java floats

        Cache(DataType type, long rows, long width) {
            xhat = NdOps.zeros(type, rows, width);
            mean = NdOps.zeros(type, rows);
            rstd = NdOps.zeros(type, rows);
            out = NdOps.zeros(type, rows, width);
        }
    }

    /** Row buffers the backward pass needs ({@code [N]} each) plus one {@code [N, C]} temporary. */
    static final class Scratch {
        final INDArray meanDxhat;
        final INDArray meanDxhatXhat;
        final INDArray tmp;

        Scratch(DataType type, long rows, long width) {
            meanDxhat = NdOps.zeros(type, rows);
            meanDxhatXhat = NdOps.zeros(type, rows);
            tmp = NdOps.zeros(type, rows, width);
        }
    }

    private LayerNorm() {
    }

    /** {@code c.out = LayerNorm(x)}; x is {@code [N, C]}. One pass per row through {@link HostMath} where it can. */
    static void forward(INDArray x, INDArray gamma, INDArray beta, Cache c) {
        if (HostMath.supports(x, gamma, beta, c.xhat, c.out, c.mean, c.rstd)) {
            float[] mean = new float[(int) c.mean.length()];
            float[] rstd = new float[mean.length];
            HostMath.layerNorm(x, gamma, beta, EPS, c.xhat, c.out, mean, rstd);
            NdOps.fill(c.mean, mean);
            NdOps.fill(c.rstd, rstd);
            return;
        }
        NdOps.rowMoments(x, c.mean, c.rstd);      // rstd holds the biased variance for a moment
        c.rstd.addi(EPS);
        NdOps.rsqrt(c.rstd);
        NdOps.subColumn(x, c.mean, c.xhat);
        NdOps.mulColumn(c.xhat, c.rstd, c.xhat);
        NdOps.mulRow(c.xhat, gamma, c.out);
        NdOps.addRow(c.out, beta);
    }

    /**
     * Only {@code c.xhat = (x - mean) / sqrt(var + eps)}, in two ops: for decoding, where the scale and
     * shift are folded into the next Linear ({@link DecodeWeights}).
     */
    static void normalize(INDArray x, Cache c) {
        if (HostMath.supports(x, c.xhat)) {
            HostMath.normalize(x, EPS, c.xhat);
            return;
        }
        if (x.dataType() == DataType.FLOAT && HostBlas.supports(x, c.xhat)) {
            normalizeOnHost(x, c);
            return;
        }
        NdOps.rowMoments(x, c.mean, c.rstd);      // rstd holds the variance
        NdOps.normalizeRows(x, c.mean, c.rstd, EPS, c.xhat);
    }

    private static void normalizeOnHost(INDArray x, Cache c) {
        if (c.host == null || c.host.length < x.length()) {
            c.host = new float[(int) x.length()];
        }
        NdOps.normalizeRowsOnHost(x, c.xhat, EPS, c.host);
    }

    /**
     * Given {@code dOut}, accumulates {@code dGamma}, {@code dBeta} and writes the input gradient
     * {@code dx = rstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat))} with {@code dxhat = dOut * gamma}.
     */
    static void backward(INDArray dOut, Cache c, INDArray gamma, INDArray dGamma, INDArray dBeta,
                         INDArray dx, Scratch s, INDArray onesRows) {
        if (HostMath.supports(dOut, c.xhat, c.rstd, gamma, dx, dGamma, dBeta)) {
            HostMath.layerNormBackward(dOut, c.xhat, c.rstd.toFloatVector(), gamma, dx, dGamma, dBeta);
            return;
        }
        dOut.mul(c.xhat, s.tmp);
        NdOps.colSumAccumulate(s.tmp, onesRows, dGamma);
        NdOps.colSumAccumulate(dOut, onesRows, dBeta);
        NdOps.mulRow(dOut, gamma, dx);            // dxhat
        NdOps.rowMean(dx, s.meanDxhat);
        dx.mul(c.xhat, s.tmp);
        NdOps.rowMean(s.tmp, s.meanDxhatXhat);
        NdOps.mulColumn(c.xhat, s.meanDxhatXhat, s.tmp);
        dx.subi(s.tmp);
        NdOps.subColumn(dx, s.meanDxhat, dx);
        NdOps.mulColumn(dx, c.rstd, dx);
    }
}
