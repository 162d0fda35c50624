package org.ouroboros.trainer.sample;

import java.util.Arrays;

/**
 * HuggingFace's logits processors and warpers on one row of scores, in place: repetition penalty,
 * minimum length, temperature, top-k, top-p; plus log-softmax, argmax and multinomial draws.
 */
final class LogitsProcessors {
    private LogitsProcessors() {
    }

    /** HF RepetitionPenaltyLogitsProcessor: each token seen in {@code history[0..length)} once, score<0 ? *p : /p. */
    static void repetitionPenalty(float[] scores, int[] history, int length, double penalty) {
        if (penalty == 1.0) {
            return;
        }
        boolean[] seen = new boolean[scores.length];
        for (int i = 0; i < length; i++) {
            int id = history[i];
            if (!seen[id]) {
                seen[id] = true;
                float s = scores[id];
                scores[id] = (float) (s < 0 ? s * penalty : s / penalty);
            }
        }
    }

    /**
     * HF NoRepeatNGramLogitsProcessor's banned tokens for one sequence {@code history[0..length)} (prompt
     * included, as HF's {@code input_ids}): every token that would complete an n-gram already in it, that
     * is, each token that followed an earlier occurrence of the last n-1 tokens. None when n is 0 or the
     * sequence is shorter than n-1. In order of occurrence, repeats kept.
     */
    static int[] noRepeatNgramBans(int[] history, int length, int n) {
        if (n <= 0 || length + 1 < n) {
            return new int[0];
        }
        int start = length - (n - 1);
        int[] banned = new int[length];
        int count = 0;
        for (int i = 0; i + n - 1 < length; i++) {
            if (Arrays.equals(history, i, i + n - 1, history, start, length)) {
                banned[count++] = history[i + n - 1];
            }
        }
        return Arrays.copyOf(banned, count);
    }

    /** HF MinNewTokensLengthLogitsProcessor: EOS impossible before {@code min} new tokens. */
    static void minNewTokens(float[] scores, int generated, int min, int eos) {
        if (generated < min) {
            scores[eos] = Float.NEGATIVE_INFINITY;
        }
    }

    static void temperature(float[] scores, double t) {
        if (t != 1.0) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (float) (scores[i] / t);
            }
        }
    }

    /** HF TopKLogitsWarper: scores below the k-th largest become -inf (ties with it are kept). */
    static void topK(float[] scores, int k) {
        if (k <= 0 || k >= scores.length) {
            return;
        }
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        float kth = sorted[sorted.length - k];
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < kth) {
                scores[i] = Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * HF TopPLogitsWarper: keeps the most likely tokens until their probability mass reaches p. The tokens
     * are ordered by score, highest first and ties by id, as one sort of primitive keys (score bits above the
     * id): the order of the probabilities, which are monotone in the scores.
     */
    static void topP(float[] scores, double p) {
        if (p >= 1.0) {
            return;
        }
        double[] probs = softmax(scores);
        long[] order = new long[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = ((long) ~sortable(scores[i]) << 32) | i;
        }
        Arrays.sort(order);
        double cumulative = 0;
        boolean cut = false;
        for (long key : order) {
            int id = (int) key;
            if (cut) {
                scores[id] = Float.NEGATIVE_INFINITY;
            }
            cumulative += probs[id];
            if (cumulative >= p) {
                cut = true;
            }
        }
    }

    /** An int whose signed order is the float order of {@code f} (-0 and 0 equal, as their probabilities are). */
    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f + 0.0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    static double[] softmax(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        double[] p = new double[scores.length];
        double z = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp(scores[i] - max);
            z += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= z;
        }
        return p;
    }

    /** In place: {@code scores = log_softmax(scores)}. */
    static void logSoftmax(float[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        double z = 0;
        for (float s : scores) {
            z += Math.exp(s - max);
        }
        double logZ = max + Math.log(z);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (float) (scores[i] - logZ);
        }
    }

    /** Index of the largest score (the first one on ties, as torch.argmax). */
    static int argmax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The draw from softmax(scores) that the uniform {@code u} in [0, 1) picks (inverse CDF). */
    static int multinomial(float[] scores, double u) {
        double[] p = softmax(scores);
        double c = 0;
        int last = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                c += p[i];
                last = i;
                if (u < c) {
                    return i;
                }
            }
        }
        return last;
    }
}
