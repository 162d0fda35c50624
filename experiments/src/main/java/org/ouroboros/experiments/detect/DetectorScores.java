package org.ouroboros.experiments.detect;

/**
 * How well a detector separates synthetic (label 1) from real (label 0) blocks on a labeled sample:
 * precision and recall of the rule "score > threshold", and ROC AUC, the probability that a random
 * synthetic block scores above a random real one (ties count one half; Mann-Whitney).
 */
public record DetectorScores(double precision, double recall, double auc) {
    /** The scores of {@code score} against {@code label}; NaN where a ratio has no denominator. */
    public static DetectorScores of(double[] score, int[] label, double threshold) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < score.length; i++) {
            boolean flagged = score[i] > threshold;
            if (flagged && label[i] == 1) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (label[i] == 1) {
                fn++;
            }
        }
        double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        return new DetectorScores(precision, recall, auc(score, label));
    }

    /** ROC AUC by pairs (O(pos x neg); the held-out samples are small). */
    public static double auc(double[] score, int[] label) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            if (label[i] != 1) {
                continue;
            }
            for (int j = 0; j < score.length; j++) {
                if (label[j] == 0) {
                    wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : wins / pairs;
    }
}
