package org.ouroboros.experiments.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * MAUVE (Pillutla et al. 2021) between a model's samples P and human text Q, as the reference
 * implementation computes it from embeddings: rows L2-normalised, PCA to 90% explained variance, k-means
 * on the union (k = max(2, round(min(|P|, |Q|) / 10)), 5 restarts, at most 500 iterations), the two
 * cluster histograms, the divergence curve {@code (exp(-c KL(Q||R_w)), exp(-c KL(P||R_w)))} for
 * {@code R_w = w P + (1-w) Q} at 25 weights in [1e-6, 1-1e-6] plus the two extreme points, and the area
 * under it (mean of the areas integrated along either axis) with scaling constant c = 5. Identical
 * distributions give 1, disjoint ones about 0.004 (the area under {@code (1 - x^(1/5))^5}).
 *
 * <p>Where points tie on the integration axis the reference's order is whatever {@code argsort} returns;
 * here the higher point comes first, so the area is that of the curve's upper envelope.
 */
public final class Mauve {
    /** MAUVE's scaling constant c. */
    public static final double SCALING = 5;
    /** Points of the divergence curve between the extremes. */
    public static final int CURVE_POINTS = 25;
    public static final double EXPLAINED_VARIANCE = 0.9;
    public static final int KMEANS_REDO = 5;
    public static final int KMEANS_MAX_ITER = 500;

    private Mauve() {
    }

    /** MAUVE of one k-means seed and the number of clusters used. */
    public record Score(double mauve, int buckets) {
    }

    /** MAUVE from embeddings {@code p} (model samples) and {@code q} (human text), rows are vectors. */
    public static Score score(double[][] p, double[][] q, long seed) {
        if (p.length == 0 || q.length == 0) {
            throw new IllegalArgumentException("MAUVE needs samples on both sides, got " + p.length + " and " + q.length);
        }
        int k = Math.max(2, (int) Math.round(Math.min(p.length, q.length) / 10.0));
        double[][] union = new double[p.length + q.length][];
        for (int i = 0; i < q.length; i++) {
            union[i] = normalised(q[i]);
        }
        for (int i = 0; i < p.length; i++) {
            union[q.length + i] = normalised(p[i]);
        }
        double[][] reduced = Pca.project(union, EXPLAINED_VARIANCE);
        int[] labels = KMeans.labels(reduced, Math.min(k, union.length), KMEANS_REDO, KMEANS_MAX_ITER, seed);
        double[] qHist = new double[k];
        double[] pHist = new double[k];
        for (int i = 0; i < union.length; i++) {
            if (i < q.length) {
                qHist[labels[i]] += 1.0 / q.length;
            } else {
                pHist[labels[i]] += 1.0 / p.length;
            }
        }
        return new Score(fromHistograms(pHist, qHist), k);
    }

    /** MAUVE of two histograms over the same bins (each summing to 1). */
    public static double fromHistograms(double[] p, double[] q) {
        double[][] curve = divergenceCurve(p, q);
        return 0.5 * (area(curve, 0, 1) + area(curve, 1, 0));
    }

    /** The curve's points {x, y} = exp(-c [KL(Q||R), KL(P||R)]): the extreme (1, 0), 25 mixtures, the extreme (0, 1). */
    static double[][] divergenceCurve(double[] p, double[] q) {
        double[][] curve = new double[CURVE_POINTS + 2][];
        curve[0] = new double[] {1, 0};                                       // exp(-c * [0, inf])
        for (int i = 0; i < CURVE_POINTS; i++) {
            double w = 1e-6 + (1 - 2e-6) * i / (CURVE_POINTS - 1);
            double[] r = new double[p.length];
            for (int j = 0; j < r.length; j++) {
                r[j] = w * p[j] + (1 - w) * q[j];
            }
            curve[i + 1] = new double[] {Math.exp(-SCALING * kl(q, r)), Math.exp(-SCALING * kl(p, r))};
        }
        curve[CURVE_POINTS + 1] = new double[] {0, 1};                        // exp(-c * [inf, 0])
        return curve;
    }

    /** Trapezoid area of coordinate {@code y} over coordinate {@code x}, points sorted by x (ties: higher y first). */
    private static double area(double[][] curve, int x, int y) {
        double[][] pts = curve.clone();
        Arrays.sort(pts, Comparator.<double[]>comparingDouble(a -> a[x]).thenComparing(a -> -a[y]));
        double s = 0;
        for (int i = 1; i < pts.length; i++) {
            s += (pts[i][x] - pts[i - 1][x]) * (pts[i][y] + pts[i - 1][y]) / 2;
        }
        return s;
    }

    /** KL(a || b) in nats over a's support; infinite where b is 0 and a is not. */
    static double kl(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != 0) {
                if (b[i] == 0) {
                    return Double.POSITIVE_INFINITY;
                }
                s += a[i] * Math.log(a[i] / b[i]);
            }
        }
        return s;
    }

    private static double[] normalised(double[] v) {
        double n = 0;
        for (double x : v) {
            n += x * x;
        }
        n = Math.sqrt(n);
        double[] out = v.clone();
        if (n > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] /= n;
            }
        }
        return out;
    }
}
