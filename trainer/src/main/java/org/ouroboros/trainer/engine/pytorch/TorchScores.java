package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.ouroboros.trainer.engine.BeamCandidates;
import org.ouroboros.trainer.engine.Scores;
import java.util.Comparator;

/**
 * Next-token scores {@code [B, V]} on the device and HuggingFace's logits processors over them, computed
 * there so that only token ids and beam scores come back to the host. Each operation follows the host
 * implementation of {@code trainer.sample} exactly (float32 scores; the processors' arithmetic in float64,
 * rounded to float32 where the host rounds), so both engines choose the same tokens whenever their scores
 * agree; only sums of exponentials may differ in their last bits (summation order).
 */
final class TorchScores implements Scores {
    private final NDManager manager;
    private final int rows;
    private final int vocab;
    private NDArray scores;

    /** Takes ownership of {@code scores} ({@code [B, V]} float32), which must belong to {@code manager}. */
    TorchScores(NDManager manager, NDArray scores) {
        this.manager = manager;
        this.scores = scores;
        this.rows = Math.toIntExact(scores.getShape().get(0));
        this.vocab = Math.toIntExact(scores.getShape().get(1));
    }

    @Override
    public int rows() {
        return rows;
    }

    /** The scores copied to the host. */
    @Override
    public float[][] toHost() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            float[] flat = scores.toFloatArray();
            float[][] out = new float[rows][vocab];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * vocab, out[r], 0, vocab);
            }
            return out;
        }
    }

    /** HF RepetitionPenalty: each token in {@code history[r][0..lengths[r])}, once: score < 0 ? *p : /p. */
    @Override
    public void repetitionPenalty(int[][] history, int[] lengths, double penalty) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (penalty == 1.0) {
                return;
            }
            int width = 1;
            for (int l : lengths) {
                width = Math.max(width, l);
            }
            long[] ids = new long[rows * width];
            boolean[] valid = new boolean[rows * width];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < width; j++) {
                    valid[r * width + j] = j < lengths[r];
                    ids[r * width + j] = j < lengths[r] ? history[r][j] : 0;
                }
            }
            NDArray index = manager.create(ids, new Shape(rows, width));
            NDArray seen = scores.gather(index, 1).toType(DataType.FLOAT64, false);               // [B, L]
            NDArray penalised = seen.mul(penalty).getNDArrayInternal().where(seen.lt(0), seen.div(penalty));
            NDArray kept = penalised.getNDArrayInternal().where(manager.create(valid, new Shape(rows, width)), seen);
            replace(scores.scatter(index, kept.toType(DataType.FLOAT32, false), 1));
        }
    }

    /** HF MinNewTokens and NoRepeatNGram: the tokens of {@code tokens[r]} impossible in row r. */
    @Override
    public void forbid(int[][] tokens) {
        int[] flat = Scores.flatIndices(tokens, vocab);
        if (flat.length == 0) {
            return;
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            long[] index = Arrays.stream(flat).asLongStream().toArray();
            NDArray ninf = manager.full(new Shape(flat.length), Float.NEGATIVE_INFINITY);
            replace(scores.reshape(-1).scatter(manager.create(index), ninf, 0).reshape(rows, vocab));
        }
    }

    /** Index of each row's largest score (the first on ties, as torch.argmax). */
    @Override
    public int[] argmax() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return toInts(scores.argMax(1));
        }
    }

    /**
     * Temperature, top-k, top-p, then one draw per row by the inverse CDF of {@code uniforms[r]} (drawn by the
     * caller's seeded generator): the first token whose cumulative probability exceeds the uniform.
     */
    @Override
    public int[] sample(double temperature, int topK, double topP, double[] uniforms) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray s = scores;
            if (temperature != 1.0) {
                s = s.toType(DataType.FLOAT64, false).div(temperature).toType(DataType.FLOAT32, false);
            }
            if (topK > 0 && topK < vocab) {   // HF TopK: below the k-th largest -> -inf (ties with it kept)
                NDArray kth = s.topK(topK, 1, true, true).get(0).min(new int[] {1}, true);       // [B, 1]
                s = minusInfinity(s, s.lt(kth));
            }
            if (topP < 1.0) {
                s = minusInfinity(s, topPCut(s, topP));
            }
            NDArray probs = s.toType(DataType.FLOAT64, false).softmax(1);
            NDArray cdf = probs.cumSum(1);
            NDArray u = manager.create(uniforms, new Shape(rows, 1));
            NDArray chosen = cdf.lte(u).toType(DataType.INT64, false).sum(new int[] {1});    // first index with u < cdf
            NDArray positions = manager.arange(0L, (long) vocab, 1L, DataType.INT64).reshape(1, vocab);
            NDArray lastPositive = positions.mul(probs.gt(0).toType(DataType.INT64, false)).max(new int[] {1});
            return toInts(lastPositive.getNDArrayInternal().where(chosen.gte(vocab), chosen));
        }
    }

    /** HF TopP: sorted by probability, tokens after the mass first reaches p are cut. */
    private NDArray topPCut(NDArray s, double p) {
        NDArray probs = s.toType(DataType.FLOAT64, false).softmax(1);
        NDArray order = probs.argSort(1, false);
        NDArray sorted = probs.gather(order, 1);
        NDArray before = manager.zeros(new Shape(rows, 1), DataType.FLOAT64)
                .concat(sorted.cumSum(1).get(new NDIndex(":, :{}", vocab - 1)), 1);       // mass before each
        NDArray cutSorted = before.gte(p);
        return manager.zeros(s.getShape(), DataType.BOOLEAN).scatter(order, cutSorted, 1);
    }

    private NDArray minusInfinity(NDArray s, NDArray where) {
        return manager.full(s.getShape(), Float.NEGATIVE_INFINITY).getNDArrayInternal().where(where, s);
    }

    /** In place: log-softmax over each row (max + log-sum-exp in float64, rounded to float32). */
    @Override
    public void logSoftmax() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray s64 = scores.toType(DataType.FLOAT64, false);
            NDArray max = s64.max(new int[] {1}, true);
            NDArray logZ = max.add(s64.sub(max).exp().sum(new int[] {1}, true).log());
            replace(s64.sub(logZ).toType(DataType.FLOAT32, false));
        }
    }

    /**
     * The {@code n} best (row, token, score) extensions of each group of {@code beamsPerGroup} consecutive rows,
     * a row's score being {@code scores[r][v] + beamScores[r]} (float64), best first (ties: lower row, then lower
     * token, as the host beam search orders them).
     */
    @Override
    public BeamCandidates topCandidates(double[] beamScores, int beamsPerGroup, int n) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            int groups = rows / beamsPerGroup;
            NDArray totals = scores.toType(DataType.FLOAT64, false)
                    .add(manager.create(beamScores, new Shape(rows, 1)))
                    .reshape(groups, (long) beamsPerGroup * vocab);
            NDList top = totals.topK(n, 1, true, true);
            double[] values = top.get(0).toDoubleArray();
            long[] flat = top.get(1).toType(DataType.INT64, false).toLongArray();
            int[] row = new int[groups * n];
            int[] token = new int[groups * n];
            double[] score = new double[groups * n];
            Candidate[] group = new Candidate[n];
            for (int g = 0; g < groups; g++) {
                for (int j = 0; j < n; j++) {
                    long idx = flat[g * n + j];
                    group[j] = new Candidate(g * beamsPerGroup + (int) (idx / vocab), (int) (idx % vocab),
                            values[g * n + j]);
                }
                Arrays.sort(group, Comparator.comparingDouble(Candidate::score).reversed()
                        .thenComparingInt(Candidate::row).thenComparingInt(Candidate::token));
                for (int j = 0; j < n; j++) {
                    row[g * n + j] = group[j].row();
                    token[g * n + j] = group[j].token();
                    score[g * n + j] = group[j].score();
                }
            }
            return new BeamCandidates(n, row, token, score);
        }
    }

    /** One beam extension. */
    private record Candidate(int row, int token, double score) {
    }

    /** Makes {@code fresh} the scores, keeping it past the operation's scope, and frees the old ones. */
    private void replace(NDArray fresh) {
        NDScope.unregister(fresh);
        scores.close();
        scores = fresh;
    }

    /** Frees the scores on the device. */
    void close() {
        scores.close();
    }

    private static int[] toInts(NDArray a) {
        long[] v = a.toType(DataType.INT64, false).toLongArray();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) v[i];
        }
        return out;
    }
}
