package org.ouroboros.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MauveTest {
    @Test
    void histogramsGiveTheReferenceImplementationsNumbers() {
        // the published algorithm (curve, argsort, sklearn's trapezoid auc) in numpy on the same histograms
        assertEquals(0.2781137253672402, Mauve.fromHistograms(new double[] {0.5, 0.5}, new double[] {1, 0}), 1e-12);
        assertEquals(0.8713995922761819, Mauve.fromHistograms(new double[] {0.2, 0.3, 0.5},
                new double[] {0.4, 0.4, 0.2}), 1e-12);
        assertEquals(0.9579019525489152, Mauve.fromHistograms(new double[] {0.1, 0.2, 0.3, 0.4},
                new double[] {0.25, 0.25, 0.25, 0.25}), 1e-12);
        assertEquals(0.0040720962619612555, Mauve.fromHistograms(new double[] {1, 0}, new double[] {0, 1}), 1e-12);
    }

    @Test
    void disjointHistogramsApproachTheClosedFormAreaAndIdenticalOnesGiveOne() {
        // disjoint: x = (1-w)^5, y = w^5, area = integral of (1 - x^(1/5))^5 dx = 5 B(5, 6) = 1/252
        assertEquals(1.0 / 252, Mauve.fromHistograms(new double[] {0, 0.5, 0.5}, new double[] {1, 0, 0}), 2e-4);
        assertEquals(1.0, Mauve.fromHistograms(new double[] {0.3, 0.7}, new double[] {0.3, 0.7}), 1e-12);
    }

    @Test
    void identicalEmbeddingSetsScoreOneAndSeparatedClustersScoreNearZero() {
        SplittableRandom rng = new SplittableRandom(3);
        double[][] a = cloud(rng, 200, 8, 0);
        assertEquals(1.0, Mauve.score(a, a, 0).mauve(), 1e-12);
        assertEquals(20, Mauve.score(a, a, 0).buckets());
        double[][] b = cloud(rng, 200, 8, 1);
        double disjoint = Mauve.score(a, b, 0).mauve();
        assertTrue(disjoint < 0.01, "disjoint clusters: " + disjoint);
        double[][] a2 = cloud(rng, 200, 8, 0);
        double same = Mauve.score(a, a2, 0).mauve();
        assertTrue(same > 0.8, "two draws of one distribution: " + same);
    }

    @Test
    void kMeansFindsTwoSeparatedGroupsAndIsSeeded() {
        double[][] pts = {{0, 0}, {0.1, 0}, {0, 0.1}, {10, 10}, {10.1, 10}, {10, 10.1}};
        int[] l = KMeans.labels(pts, 2, 3, 100, 7);
        assertEquals(l[0], l[1]);
        assertEquals(l[0], l[2]);
        assertEquals(l[3], l[4]);
        assertEquals(l[3], l[5]);
        assertTrue(l[0] != l[3]);
        assertArrayEquals(l, KMeans.labels(pts, 2, 3, 100, 7));
    }

    @Test
    void pcaKeepsTheComponentsThatExplainTheVariance() {
        double[][] m = {{2, 1}, {1, 2}};
        double[][] v = new double[2][2];
        double[] e = Pca.eigen(m, v);
        java.util.Arrays.sort(e);
        assertArrayEquals(new double[] {1, 3}, e, 1e-12);
        // points on the line y = 2x plus a tiny wobble: one component explains > 90%
        double[][] pts = {{0, 0}, {1, 2.01}, {2, 3.99}, {3, 6}, {-1, -2}};
        double[][] proj = Pca.project(pts, 0.9);
        assertEquals(1, proj[0].length);
        assertEquals(Math.sqrt(5) * 3, Math.abs(proj[3][0] - proj[0][0]), 0.02);
        assertEquals(2, Pca.project(pts, 0.99999999)[0].length);
    }

    /** Gaussian points around +4 (side 0) or -4 (side 1) on every axis, spread 1. */
    private static double[][] cloud(SplittableRandom rng, int n, int d, int side) {
        double[][] out = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                out[i][j] = (side == 0 ? 4 : -4) * (j % 2 == 0 ? 1 : -1) + gaussian(rng);
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }
}
