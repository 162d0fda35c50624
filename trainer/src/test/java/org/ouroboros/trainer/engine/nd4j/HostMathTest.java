package org.ouroboros.trainer.engine.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each vector kernel against plain double-precision Java, on sizes that leave scalar tails. */
class HostMathTest {
    @BeforeAll
    static void cpuBackend() {
        CpuBackend.assume();
    }

    @Test
    void theVectorModuleIsLoadedForTests() {
        assertTrue(HostMath.supports(Nd4j.create(DataType.FLOAT, 3)), "surefire passes --add-modules jdk.incubator.vector");
        assertFalse(HostMath.supports(Nd4j.create(DataType.DOUBLE, 3)), "FLOAT only");
    }

    @Test
    void crossEntropyAndItsGradientPerRow() {
        int rows = 3;
        int vocab = 37;                                        // two 16-lane vectors and a tail of 5
        Nd4j.getRandom().setSeed(6);
        INDArray logits = Nd4j.rand(DataType.FLOAT, rows, vocab).muli(20).subi(10);
        logits.putScalar(1, 4, -200f);                         // target far below the max: exp underflows
        double[][] z = logits.toDoubleMatrix();
        int[] targets = {0, 4, 36};
        float[] nll = new float[rows];
        float[] sumExp = new float[rows];
        HostMath.crossEntropy(logits, targets, nll, sumExp);
        float[] scale = {0.5f, 2f, 0f};
        HostMath.crossEntropyBackward(logits, targets, sumExp, scale);
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[r]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (double v : z[r]) {
                sum += Math.exp(v - max);
            }
            double expected = Math.log(sum) - (z[r][targets[r]] - max);
            assertEquals(expected, nll[r], 1e-4 * Math.max(1, expected), "nll row " + r);
            for (int v = 0; v < vocab; v++) {
                double grad = (Math.exp(z[r][v] - max) / sum - (v == targets[r] ? 1 : 0)) * scale[r];
                assertEquals(grad, logits.getDouble(r, v), 1e-6, "gradient row " + r + " column " + v);
            }
        }
        assertTrue(nll[1] > 150, "an underflowing target still has its finite loss: " + nll[1]);
    }

    @Test
    void causalSoftmaxKeepsEachQueryToItsPrefix() {
        int blocks = 2;
        int t = 19;
        Nd4j.getRandom().setSeed(7);
        for (int past : new int[] {0, 3}) {          // a training block; new tokens after a cached prefix
            int total = past + t;
            INDArray scores = Nd4j.rand(DataType.FLOAT, blocks, t, total).muli(6);
            double[] before = scores.dup().data().asDouble();
            HostMath.causalSoftmax(scores, blocks, t, past);
            double[] after = scores.data().asDouble();
            for (int b = 0; b < blocks; b++) {
                for (int i = 0; i < t; i++) {
                    int row = (b * t + i) * total;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= past + i; j++) {
                        max = Math.max(max, before[row + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= past + i; j++) {
                        sum += Math.exp(before[row + j] - max);
                    }
                    for (int j = 0; j < total; j++) {
                        double expected = j <= past + i ? Math.exp(before[row + j] - max) / sum : 0;
                        assertEquals(expected, after[row + j], 1e-6,
                                "past " + past + " block " + b + " row " + i + " column " + j);
                    }
                }
            }
        }
    }

    @Test
    void embeddingAddsEachTokensRowToItsPositionsRow() {
        INDArray table = Nd4j.rand(DataType.FLOAT, 5, 18);
        INDArray positions = Nd4j.rand(DataType.FLOAT, 3, 18);
        int[] ids = {4, 0, 2, 2, 1, 3};                     // two rows of three tokens
        INDArray out = Nd4j.create(DataType.FLOAT, 6, 18);
        HostMath.embed(table, ids, positions, 3, out);
        for (int r = 0; r < 6; r++) {
            INDArray expected = table.getRow(ids[r]).add(positions.getRow(r % 3));
            assertTrue(expected.equalsWithEps(out.getRow(r), 1e-7), "row " + r);
        }
    }

    @Test
    void softmaxBackwardIsTheJacobianProduct() {
        int rows = 4;
        int t = 21;
        Nd4j.getRandom().setSeed(8);
        INDArray probs = Nd4j.rand(DataType.FLOAT, rows, t);
        INDArray dProbs = Nd4j.rand(DataType.FLOAT, rows, t).subi(0.5);
        double[][] p = probs.toDoubleMatrix();
        double[][] d = dProbs.toDoubleMatrix();
        HostMath.softmaxBackward(probs, dProbs, t);
        for (int r = 0; r < rows; r++) {
            double dot = 0;
            for (int j = 0; j < t; j++) {
                dot += p[r][j] * d[r][j];
            }
            for (int j = 0; j < t; j++) {
                assertEquals(p[r][j] * (d[r][j] - dot), dProbs.getDouble(r, j), 1e-6);
            }
        }
    }

    @Test
    void layerNormForwardAndBackwardPerRow() {
        int rows = 5;
        int width = 37;
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, rows, width).muli(4).subi(1);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, width).addi(0.5);
        INDArray beta = Nd4j.rand(DataType.FLOAT, width);
        INDArray xhat = x.ulike();
        INDArray out = x.ulike();
        float[] mean = new float[rows];
        float[] rstd = new float[rows];
        HostMath.layerNorm(x, gamma, beta, 1e-5, xhat, out, mean, rstd);
        INDArray xhatOnly = x.ulike();
        HostMath.normalize(x, 1e-5, xhatOnly);
        assertTrue(xhat.equals(xhatOnly), "normalize is LayerNorm's x-hat");
        INDArray dOut = Nd4j.rand(DataType.FLOAT, rows, width).subi(0.5);
        INDArray dx = x.ulike();
        INDArray dGamma = Nd4j.ones(DataType.FLOAT, width);    // gradients accumulate
        INDArray dBeta = Nd4j.ones(DataType.FLOAT, width);
        HostMath.layerNormBackward(dOut, xhat, rstd, gamma, dx, dGamma, dBeta);
        double[][] xs = x.toDoubleMatrix();
        double[][] d = dOut.toDoubleMatrix();
        double[] g = gamma.toDoubleVector();
        double[] b = beta.toDoubleVector();
        double[] expectedDGamma = new double[width];
        double[] expectedDBeta = new double[width];
        java.util.Arrays.fill(expectedDGamma, 1);
        java.util.Arrays.fill(expectedDBeta, 1);
        for (int r = 0; r < rows; r++) {
            double mu = java.util.Arrays.stream(xs[r]).average().orElseThrow();
            double var = java.util.Arrays.stream(xs[r]).map(v -> (v - mu) * (v - mu)).sum() / width;
            double rs = 1 / Math.sqrt(var + 1e-5);
            assertEquals(mu, mean[r], 1e-5);
            assertEquals(rs, rstd[r], 1e-4 * rs);
            double[] h = new double[width];
            double meanDh = 0;
            double meanDhH = 0;
            for (int i = 0; i < width; i++) {
                h[i] = (xs[r][i] - mu) * rs;
                assertEquals(h[i], xhat.getDouble(r, i), 1e-5);
                assertEquals(h[i] * g[i] + b[i], out.getDouble(r, i), 1e-5);
                expectedDGamma[i] += d[r][i] * h[i];
                expectedDBeta[i] += d[r][i];
                meanDh += d[r][i] * g[i] / width;
                meanDhH += d[r][i] * g[i] * h[i] / width;
            }
            for (int i = 0; i < width; i++) {
                double expected = rs * (d[r][i] * g[i] - meanDh - h[i] * meanDhH);
                assertEquals(expected, dx.getDouble(r, i), 1e-4, "dx row " + r + " column " + i);
            }
        }
        for (int i = 0; i < width; i++) {
            assertEquals(expectedDGamma[i], dGamma.getDouble(i), 1e-5);
            assertEquals(expectedDBeta[i], dBeta.getDouble(i), 1e-5);
        }
    }

    @Test
    void rowAddBiasReluAndItsBackward() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 21).subi(0.5);
        INDArray bias = Nd4j.rand(DataType.FLOAT, 21).subi(0.5);
        INDArray expected = x.addRowVector(bias);
        INDArray added = x.dup();
        HostMath.addRow(added, bias);
        assertTrue(expected.equalsWithEps(added, 1e-7), "addRow: " + added + " vs " + expected);
        expected = org.nd4j.linalg.ops.transforms.Transforms.relu(expected, false);
        HostMath.biasRelu(x, bias);
        assertTrue(expected.equalsWithEps(x, 1e-7), x + " vs " + expected);
        INDArray grad = Nd4j.rand(DataType.FLOAT, 3, 21).addi(1);
        INDArray before = grad.dup();
        HostMath.reluBackward(x, grad);
        for (int i = 0; i < 63; i++) {
            double a = x.data().getDouble(i);
            assertEquals(a > 0 ? before.data().getDouble(i) : 0.0, grad.data().getDouble(i), "element " + i);
        }
        assertTrue(x.data().asDouble().length == 63 && java.util.Arrays.stream(x.data().asDouble()).anyMatch(v -> v == 0),
                "some activations are cut at zero");
    }

    @Test
    void kernelsSeeOnlyTheirViewOfABuffer() {
        INDArray base = Nd4j.rand(DataType.FLOAT, 100).addi(1);
        INDArray view = NdOps.view(NdOps.view(base, 10, 80), 7, 33);   // elements 17..49 of base
        double expected = 0;
        for (int i = 17; i < 50; i++) {
            expected += base.getDouble(i) * base.getDouble(i);
        }
        assertEquals(expected, HostMath.sumOfSquares(view), 1e-4);
        double before = base.getDouble(16);
        double after = base.getDouble(26);
        HostMath.causalSoftmax(NdOps.view(view, 0, 1, 3, 3), 1, 3, 0);     // elements 17..25 of base
        assertEquals(1.0, base.getDouble(17), 1e-6, "the first query sees only itself");
        assertEquals(0.0, base.getDouble(18));
        assertEquals(after, base.getDouble(26), "nothing after the view is touched");
        assertEquals(before, base.getDouble(16), "nothing before the view is touched");
    }
}
