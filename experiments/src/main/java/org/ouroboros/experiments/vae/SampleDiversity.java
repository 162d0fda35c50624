package org.ouroboros.experiments.vae;

import org.ouroboros.data.mnist.LabeledImages;

/**
 * How varied a set of images is: the per-pixel variance across images (averaged over pixels) and the mean
 * Euclidean distance between all pairs of the first {@link #PAIR_IMAGES} images, on the 0..1 pixel scale. A
 * collapsing generator's samples move towards one average image, and both fall.
 */
public final class SampleDiversity {
    /** Images whose pairwise distances are averaged (all pairs of them). */
    public static final int PAIR_IMAGES = 1000;

    private SampleDiversity() {
    }

    /** Mean over pixels of the variance of that pixel across the images. */
    public static double pixelVariance(LabeledImages images) {
        int d = images.size();
        int n = images.count();
        double[] sum = new double[d];
        double[] sq = new double[d];
        byte[] p = images.pixels();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = (p[i * d + j] & 0xff) / 255.0;
                sum[j] += v;
                sq[j] += v * v;
            }
        }
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = sum[j] / n;
            total += Math.max(0, sq[j] / n - mean * mean);
        }
        return total / d;
    }

    /** Mean Euclidean distance over all pairs of the first {@link #PAIR_IMAGES} images (0 for one image). */
    public static double meanDistance(LabeledImages images) {
        int n = Math.min(images.count(), PAIR_IMAGES);
        int d = images.size();
        float[][] x = new float[n][d];
        byte[] p = images.pixels();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = (p[i * d + j] & 0xff) / 255f;
            }
        }
        double total = 0;
        long pairs = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double diff = x[a][j] - x[b][j];
                    s += diff * diff;
                }
                total += Math.sqrt(s);
                pairs++;
            }
        }
        return pairs == 0 ? 0 : total / pairs;
    }
}
