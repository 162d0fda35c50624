package org.ouroboros.trainer.engine.nd4j;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs every {@link HostMath} kernel on fixed inputs and prints one {@code name sha256} line per kernel
 * output, the digests of their exact float bits. {@link KernelTierTest} runs it in child JVMs that interpret
 * or compile the kernels and compares the lines; {@code java ... KernelProbe N} first runs the kernels N
 * times (warm-up) and prints the last round.
 */
public final class KernelProbe {
    private KernelProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Map<String, String> digests = null;
        for (int i = 0; i < rounds; i++) {
            digests = run();
        }
        digests.forEach((k, v) -> System.out.println(k + " " + v));
    }

    /** Every kernel's outputs by name: rows wide enough to be split over threads, widths that leave tails. */
    static Map<String, String> run() {
        Map<String, String> out = new LinkedHashMap<>();
        SplittableRandom rng = new SplittableRandom(42);
        int rows = 16;
        int vocab = 4099;                                         // > 64K elements: the chunked path
        INDArray logits = random(rng, 20, rows, vocab);
        int[] targets = rng.ints(rows, 0, vocab).toArray();
        float[] nll = new float[rows];
        float[] sumExp = new float[rows];
        HostMath.crossEntropy(logits, targets, nll, sumExp);
        out.put("crossEntropy.nll", digest(nll));
        out.put("crossEntropy.exp", digest(logits));
        float[] scale = new float[rows];
        java.util.Arrays.fill(scale, 1f / rows);
        HostMath.crossEntropyBackward(logits, targets, sumExp, scale);
        out.put("crossEntropyBackward", digest(logits));

        int blocks = 6;
        int t = 37;
        for (int past : new int[] {0, 5}) {
            INDArray scores = random(rng, 8, blocks, t, past + t);
            HostMath.causalSoftmax(scores, blocks, t, past);
            out.put("causalSoftmax.past" + past, digest(scores));
            INDArray d = random(rng, 1, blocks * t, past + t);
            HostMath.softmaxBackward(scores, d, past + t);
            out.put("softmaxBackward.past" + past, digest(d));
        }

        int width = 259;
        int n = 260;
        INDArray x = random(rng, 3, n, width);
        INDArray gamma = random(rng, 1, width).addi(1);
        INDArray beta = random(rng, 1, width);
        INDArray xhat = x.ulike();
        INDArray y = x.ulike();
        float[] mean = new float[n];
        float[] rstd = new float[n];
        HostMath.layerNorm(x, gamma, beta, 1e-5, xhat, y, mean, rstd);
        out.put("layerNorm.out", digest(y));
        out.put("layerNorm.rstd", digest(rstd));
        INDArray xhatOnly = x.ulike();
        HostMath.normalize(x, 1e-5, xhatOnly);
        out.put("normalize", digest(xhatOnly));
        INDArray dOut = random(rng, 1, n, width);
        INDArray dx = x.ulike();
        INDArray dGamma = Nd4j.zeros(DataType.FLOAT, width);
        INDArray dBeta = Nd4j.zeros(DataType.FLOAT, width);
        HostMath.layerNormBackward(dOut, xhat, rstd, gamma, dx, dGamma, dBeta);
        out.put("layerNormBackward.dx", digest(dx));
        out.put("layerNormBackward.dGamma", digest(dGamma));
        out.put("layerNormBackward.dBeta", digest(dBeta));

        INDArray h = random(rng, 2, n, width);
        HostMath.addRow(h, beta);
        out.put("addRow", digest(h));
        HostMath.biasRelu(h, gamma);
        out.put("biasRelu", digest(h));
        INDArray g = random(rng, 1, n, width);
        HostMath.reluBackward(h, g);
        out.put("reluBackward", digest(g));

        INDArray table = random(rng, 1, 50, width);
        INDArray positions = random(rng, 1, 8, width);
        int[] ids = rng.ints(n, 0, 50).toArray();
        INDArray embedded = Nd4j.create(DataType.FLOAT, n, width);
        HostMath.embed(table, ids, positions, 8, embedded);
        out.put("embed", digest(embedded));

        int params = 70_003;
        INDArray p = random(rng, 1, params);
        INDArray grad = random(rng, 1, params);
        INDArray m = random(rng, 0.01, params);
        INDArray v = random(rng, 0.01, params).muli(m);
        HostMath.adamW(p, grad, m, v, 50_001, 0.999, 0.9, 0.95, 1e-3, 0.7, 1e-8);
        out.put("adamW.p", digest(p));
        out.put("adamW.v", digest(v));
        out.put("sumOfSquares", Long.toHexString(Double.doubleToRawLongBits(HostMath.sumOfSquares(p))));
        return out;
    }

    /** Uniform in [-scale, scale) from the probe's own generator (ND4J's is not needed). */
    private static INDArray random(SplittableRandom rng, double scale, long... shape) {
        INDArray a = Nd4j.create(DataType.FLOAT, shape);
        float[] values = new float[Math.toIntExact(a.length())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (rng.nextDouble(-1, 1) * scale);
        }
        return Nd4j.create(values, shape, 'c');
    }

    private static String digest(INDArray a) {
        return digest(a.dup().data().asFloat());
    }

    private static String digest(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) {
            b.putInt(Float.floatToRawIntBits(f));
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
