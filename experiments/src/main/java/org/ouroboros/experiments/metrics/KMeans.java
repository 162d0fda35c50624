package org.ouroboros.experiments.metrics;

import java.util.SplittableRandom;

/**
 * Lloyd's k-means as MAUVE's reference implementation runs it (faiss): centroids initialised on k distinct
 * random points, iterated until no assignment changes or {@code maxIter}, restarted {@code redo} times and
 * the assignment with the lowest sum of squared distances kept. An emptied cluster takes the point farthest
 * from its centroid. Seeded: the same seed gives the same labels.
 */
public final class KMeans {
    private KMeans() {
    }

    /** Cluster label of each row of {@code data}, in {@code 0..k-1}. */
    public static int[] labels(double[][] data, int k, int redo, int maxIter, long seed) {
        if (k < 1 || k > data.length) {
            throw new IllegalArgumentException("k-means needs 1 <= k <= " + data.length + " points, got k = " + k);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int r = 0; r < Math.max(1, redo); r++) {
            int[] labels = new int[data.length];
            double cost = run(data, k, maxIter, rng.split(), labels);
            if (cost < bestCost) {
                bestCost = cost;
                best = labels;
            }
        }
        return best;
    }

    private static double run(double[][] data, int k, int maxIter, SplittableRandom rng, int[] labels) {
        int n = data.length;
        int d = data[0].length;
        double[][] centroids = new double[k][];
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
            centroids[i] = data[perm[i]].clone();
        }
        java.util.Arrays.fill(labels, -1);
        double[] dist = new double[n];
        for (int iter = 0; iter < maxIter; iter++) {
            boolean changed = assign(data, centroids, labels, dist);
            if (!changed && iter > 0) {
                break;
            }
            double[][] sums = new double[k][d];
            int[] sizes = new int[k];
            for (int i = 0; i < n; i++) {
                sizes[labels[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[labels[i]][j] += data[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (sizes[c] == 0) {
                    int far = 0;
                    for (int i = 1; i < n; i++) {
                        if (dist[i] > dist[far]) {
                            far = i;
                        }
                    }
                    centroids[c] = data[far].clone();
                    dist[far] = 0;
                } else {
                    for (int j = 0; j < d; j++) {
                        centroids[c][j] = sums[c][j] / sizes[c];
                    }
                }
            }
        }
        assign(data, centroids, labels, dist);
        double cost = 0;
        for (double v : dist) {
            cost += v;
        }
        return cost;
    }

    /** Nearest centroid of every point (ties: the lower index); returns whether any label changed. */
    private static boolean assign(double[][] data, double[][] centroids, int[] labels, double[] dist) {
        boolean changed = false;
        for (int i = 0; i < data.length; i++) {
            int arg = 0;
            double min = Double.POSITIVE_INFINITY;
            for (int c = 0; c < centroids.length; c++) {
                double s = 0;
                for (int j = 0; j < data[i].length; j++) {
                    double diff = data[i][j] - centroids[c][j];
                    s += diff * diff;
                }
                if (s < min) {
                    min = s;
                    arg = c;
                }
            }
            dist[i] = min;
            if (labels[i] != arg) {
                labels[i] = arg;
                changed = true;
            }
        }
        return changed;
    }
}
