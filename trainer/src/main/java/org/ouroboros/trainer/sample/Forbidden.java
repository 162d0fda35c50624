package org.ouroboros.trainer.sample;

import java.util.Arrays;
import org.ouroboros.trainer.engine.Scores;

/**
 * The tokens a decoding step may not choose, per row, set to -inf in one {@link Scores#forbid} call: HF's
 * NoRepeatNGramLogitsProcessor (worked out here on the host, where the ids are) and MinNewTokens (no EOS
 * before the minimum length).
 */
final class Forbidden {
    private Forbidden() {
    }

    /**
     * @param history  per row, the sequence so far (prompt included) in {@code [0, lengths[r])}
     * @param ngram    no_repeat_ngram_size (0 = off)
     * @param noEos    rows where EOS is not yet allowed
     */
    static void apply(Scores scores, int[][] history, int[] lengths, int ngram, boolean[] noEos, int eos) {
        int rows = history.length;
        int[][] tokens = new int[rows][];
        boolean any = false;
        for (int r = 0; r < rows; r++) {
            int[] banned = LogitsProcessors.noRepeatNgramBans(history[r], lengths[r], ngram);
            if (noEos[r]) {
                banned = Arrays.copyOf(banned, banned.length + 1);
                banned[banned.length - 1] = eos;
            }
            tokens[r] = banned;
            any |= banned.length > 0;
        }
        if (any) {
            scores.forbid(tokens);
        }
    }
}
