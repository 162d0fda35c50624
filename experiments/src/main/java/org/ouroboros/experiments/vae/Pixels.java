package org.ouroboros.experiments.vae;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.ouroboros.data.mnist.LabeledImages;

/** Conversions between images as bytes (0..255) and the float batches the networks take (0..1). */
final class Pixels {
    private Pixels() {
    }

    /** The images at {@code indices} as a [B, pixels] float array scaled to 0..1. */
    static INDArray batch(LabeledImages images, int[] indices) {
        int d = images.size();
        float[] x = new float[indices.length * d];
        byte[] p = images.pixels();
        for (int k = 0; k < indices.length; k++) {
            int off = indices[k] * d;
            for (int j = 0; j < d; j++) {
                x[k * d + j] = (p[off + j] & 0xff) / 255f;
            }
        }
        return Nd4j.create(x, new long[] {indices.length, d}, 'c');
    }

    /** {@code start, start+1, ..., end-1}. */
    static int[] range(int start, int end) {
        int[] r = new int[end - start];
        for (int i = 0; i < r.length; i++) {
            r[i] = start + i;
        }
        return r;
    }

    /** A [rows, cols] array of standard normal draws from {@code rng}. */
    static INDArray gaussian(SplittableRandom rng, int rows, int cols) {
        float[] z = new float[rows * cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) rng.nextGaussian();
        }
        return Nd4j.create(z, new long[] {rows, cols}, 'c');
    }

    /** Writes {@code values} (0..1, [B, pixels]) into {@code out} from {@code offset} as rounded bytes 0..255. */
    static void quantise(INDArray values, byte[] out, int offset) {
        float[] v = values.dup('c').data().asFloat();
        for (int i = 0; i < v.length; i++) {
            out[offset + i] = (byte) Math.round(Math.max(0f, Math.min(1f, v[i])) * 255f);
        }
    }
}
