package org.ouroboros.trainer.engine;

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

    /** Number of groups (prompts). */
    public int groups() {
        return row.length / perGroup;
    }
}
