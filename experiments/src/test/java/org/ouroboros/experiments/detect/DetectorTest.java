package org.ouroboros.experiments.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DetectorTest {
    @Test
    void scoresAreTheHandCountedOnes() {
        double[] score = {0.9, 0.8, 0.3, 0.6, 0.2, 0.6};
        int[] label = {1, 1, 1, 0, 0, 1};
        DetectorScores s = DetectorScores.of(score, label, 0.5);
        // flagged (> 0.5): 0.9(1) 0.8(1) 0.6(0) 0.6(1) -> tp 3, fp 1; missed: 0.3(1) -> fn 1
        assertEquals(0.75, s.precision(), 0.0);
        assertEquals(0.75, s.recall(), 0.0);
        // pairs (pos, neg) over negs {0.6, 0.2}: 0.9: 2, 0.8: 2, 0.3: 1, 0.6: 0.5 + 1 -> 6.5 of 8
        assertEquals(6.5 / 8, s.auc(), 0.0);
        assertEquals(0.5, DetectorScores.auc(new double[] {1, 1}, new int[] {1, 0}), 0.0);
        assertTrue(Double.isNaN(DetectorScores.of(new double[] {0.1}, new int[] {0}, 0.5).precision()));
    }

    @Test
    void logisticRegressionRecoversAKnownModel() {
        // y ~ Bernoulli(sigmoid(-1 + 2 x)), x ~ N(0, 1): Newton's fit on 20,000 points lands near (-1, 2)
        SplittableRandom rng = new SplittableRandom(7);
        int n = 20_000;
        double[][] x = new double[n][1];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-(-1 + 2 * x[i][0]))) ? 1 : 0;
        }
        LogisticRegression m = LogisticRegression.fit(x, y, 1e-6);
        assertEquals(1 / (1 + Math.exp(1)), m.probability(new double[] {0}), 0.02);
        assertEquals(1 / (1 + Math.exp(-3)), m.probability(new double[] {2}), 0.02);
        assertArrayEquals(m.weights(), LogisticRegression.fit(x, y, 1e-6).weights(), 0.0);
    }

    @Test
    void uninformativeAndConstantFeaturesGiveOneHalf() {
        double[][] x = {{0, 5}, {0, 5}, {1, 5}, {1, 5}};
        int[] y = {0, 1, 0, 1};
        LogisticRegression m = LogisticRegression.fit(x, y, 1.0);
        assertEquals(0.5, m.probability(new double[] {0, 5}), 1e-9);
        assertEquals(0.5, m.probability(new double[] {1, 7}), 1e-9);
        // separable data: the ridge keeps the weights finite and the order right
        LogisticRegression sep = LogisticRegression.fit(new double[][] {{0}, {1}, {2}, {3}}, new int[] {0, 0, 1, 1}, 1.0);
        assertTrue(sep.probability(new double[] {3}) > 0.6 && sep.probability(new double[] {0}) < 0.4);
        assertArrayEquals(new double[] {1, 2}, LogisticRegression.solve(new double[][] {{2, 1}, {1, 3}},
                new double[] {4, 7}), 1e-12);
    }

    @Test
    void blockFeaturesCountRepetitionAndDistinctness() {
        int[] b = {1, 2, 3, 1, 2, 3, 1};
        // 3-grams 123 231 312 123 231: the last two repeat -> 2 of 5
        assertEquals(0.4, BlockFeatures.repeatedShare(b, 3), 0.0);
        assertEquals(3.0 / 7, BlockFeatures.distinct(b, 1), 0.0);
        assertEquals(3.0 / 6, BlockFeatures.distinct(b, 2), 0.0);
        double[] f = BlockFeatures.of(b, Math.E, 1.0);
        assertEquals(BlockFeatures.NAMES.size(), f.length);
        assertArrayEquals(new double[] {1, 0, 1, 0.4, 3.0 / 7, 0.5, 7}, f, 1e-12);
    }
}
