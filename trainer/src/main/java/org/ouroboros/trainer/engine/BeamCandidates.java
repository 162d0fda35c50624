package org.ouroboros.trainer.engine;

import java.util.Comparator;
import java.util.List;

/**
 * The best {@code perGroup} extensions of each group of beams, best first within a group: candidate
 * {@code g * perGroup + i} extends beam row {@code row[..]} with {@code token[..]} to the summed
 * log-probability {@code score[..]}. Order within a group: score descending, then row, then token.
 */
public record BeamCandidates(int perGroup, int[] row, int[] token, double[] score) {
    public BeamCandidates {
        if (perGroup <= 0 || row.length != token.length || row.length != score.length
                || row.length % perGroup != 0) {
            throw new IllegalArgumentException("beam candidates need equal arrays of whole groups of " + perGroup
                    + ", got " + row.length + "/" + token.length + "/" + score.length);
        }
    }

    /** One extension: beam row, token, and summed log-probability. */
    public record Candidate(int row, int token, double score) {
        /** Score descending, then row, then token: the order of {@link BeamCandidates}. */
        public static final Comparator<Candidate> BEST_FIRST = Comparator.comparingDouble(Candidate::score)
                .reversed().thenComparingInt(Candidate::row).thenComparingInt(Candidate::token);
    }

    /** The first {@code perGroup} of each group's candidates, each list sorted {@link Candidate#BEST_FIRST}. */
    public static BeamCandidates of(int perGroup, List<List<Candidate>> groups) {
        int n = groups.size() * perGroup;
        int[] row = new int[n];
        int[] token = new int[n];
        double[] score = new double[n];
        for (int g = 0; g < groups.size(); g++) {
            for (int i = 0; i < perGroup; i++) {
                Candidate c = groups.get(g).get(i);
                row[g * perGroup + i] = c.row();
                token[g * perGroup + i] = c.token();
                score[g * perGroup + i] = c.score();
            }
        }
        return new BeamCandidates(perGroup, row, token, score);
    }

    /** Number of groups (prompts). */
    public int groups() {
        return row.length / perGroup;
    }
}
