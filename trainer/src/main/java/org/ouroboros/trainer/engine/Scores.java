package org.ouroboros.trainer.engine;

/**
 * Next-token scores {@code [B, V]} where the engine computed them (the device). HuggingFace's logits
 * processors and choices run here, in place, so per-vocabulary work stays on the device and only ids and
 * scores come back. The order of calls is the caller's, as in HF's {@code generate}: sampling does
 * {@link #repetitionPenalty}, {@link #forbid} (no_repeat_ngram_size, min_new_tokens), then {@link #argmax} or
 * {@link #sample};
 * beam search does {@link #logSoftmax}, the two processors, then {@link #topCandidates}.
 *
 * <p>Valid until the decoder's next step.
 */
public interface Scores {
    /** Rows (B). */
    int rows();

    /** A host copy {@code [B][V]} of the scores as they are now. */
    float[][] toHost();

    /** In place, per row: {@code s = log_softmax(s)} (log-sum-exp in double, as {@code LogitsProcessors}). */
    void logSoftmax();

    /**
     * HF {@code RepetitionPenaltyLogitsProcessor}: for row r each distinct token of
     * {@code history[r][0 .. lengths[r])} once, {@code s < 0 ? s * penalty : s / penalty}. No-op at 1.0.
     */
    void repetitionPenalty(int[][] history, int[] lengths, double penalty);

    /**
     * Sets the score of every token in {@code tokens[r]} to -inf in row r ({@code tokens[r]} may be empty):
     * min_new_tokens (no EOS yet) and no_repeat_ngram_size's banned tokens, in one call.
     */
    void forbid(int[][] tokens);

    /** Per row, the index of the largest score (the first on ties, as {@code torch.argmax}). */
    int[] argmax();

    /**
     * Per row: scores / {@code temperature} (1 = none), HF top-k ({@code topK <= 0}: none; ties with the
     * k-th kept), HF top-p ({@code topP >= 1}: none), then the token whose softmax CDF first exceeds
     * {@code uniforms[r]} (inverse-CDF draw). The caller draws the uniforms from its seeded RNG, one per
     * row it will use, so the same seed picks the same tokens on every engine.
     */
    int[] sample(double temperature, int topK, double topP, double[] uniforms);

    /**
     * Adds {@code beamScores[r]} to row r's scores and returns, per group of {@code beamsPerGroup}
     * consecutive rows, the {@code n} best (row, token, score) extensions (see {@link BeamCandidates} for
     * the order). Call after {@link #logSoftmax} and the processors.
     */
    BeamCandidates topCandidates(double[] beamScores, int beamsPerGroup, int n);

    /** {@code r * vocab + token} for every token of every row of {@code tokens}, row by row. */
    static int[] flatIndices(int[][] tokens, int vocab) {
        int n = 0;
        for (int[] row : tokens) {
            n += row.length;
        }
        int[] flat = new int[n];
        int i = 0;
        for (int r = 0; r < tokens.length; r++) {
            for (int token : tokens[r]) {
                flat[i++] = Math.toIntExact((long) r * vocab + token);
            }
        }
        return flat;
    }
}
