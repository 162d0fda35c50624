package org.ouroboros.trainer.engine.nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.indexaccum.custom.ArgMax;
import org.nd4j.linalg.factory.Nd4j;
import org.ouroboros.trainer.engine.BeamCandidates;
import org.ouroboros.trainer.engine.BeamCandidates.Candidate;
import org.ouroboros.trainer.engine.Scores;
import org.ouroboros.trainer.sample.HostScores;

/**
 * Decoding scores {@code [B, V]} left in ND4J memory (the non-host path: CUDA, or the host paths off):
 * argmax, log-softmax, the processors and each row's best beam extensions are ND4J ops, and only ids,
 * the touched scores and {@code B x n} candidates cross to the host. Sampling with top-p copies the scores
 * to the host and runs {@link HostScores}.
 *
 * <p>Agrees with {@link HostScores} except where floats tie or round: top-k's order among equal scores at a
 * row's cut is ND4J's, ND4J's log-softmax and CDF are float where the host's are double (a uniform within
 * rounding of a CDF step may pick the neighbouring token).
 */
final class Nd4jScores implements Scores {
    private final INDArray logits;     // [B, V], changed in place
    private final int rows;
    private final long vocab;

    Nd4jScores(INDArray logits) {
        this.logits = logits;
        this.rows = (int) logits.size(0);
        this.vocab = logits.size(1);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public float[][] toHost() {
        Transfers.toHost();
        return logits.castTo(DataType.FLOAT).toFloatMatrix();
    }

    @Override
    public void logSoftmax() {
        Nd4j.exec(DynamicCustomOp.builder("log_softmax").addInputs(logits).addOutputs(logits)
                .addIntegerArguments(1).build());
    }

    @Override
    public void repetitionPenalty(int[][] history, int[] lengths, double penalty) {
        if (penalty == 1.0) {
            return;
        }
        int[] flat = seenTokens(history, lengths);
        if (flat.length == 0) {
            return;
        }
        INDArray all = NdOps.view(logits, 0, logits.length());
        INDArray index = Nd4j.createFromArray(flat);
        Transfers.toDevice();
        INDArray picked = Nd4j.create(logits.dataType(), flat.length);
        NdOps.gatherRows(all, index, picked);
        INDArray negative = picked.lt(0.0).castTo(picked.dataType());               // 1 where s < 0, else 0
        INDArray positive = negative.rsub(1.0);
        INDArray penalised = picked.mul(penalty).muli(negative).addi(picked.div(penalty).muli(positive));
        scatterUpdate(all, index, penalised);
    }

    /** Flat indices {@code r * V + id} of each distinct token of each row's history prefix. */
    private int[] seenTokens(int[][] history, int[] lengths) {
        List<Integer> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            int[] ids = Arrays.copyOf(history[r], lengths[r]);
            Arrays.sort(ids);
            for (int i = 0; i < ids.length; i++) {
                if (i == 0 || ids[i] != ids[i - 1]) {
                    out.add(Math.toIntExact(r * vocab + ids[i]));
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void forbid(int[][] tokens) {
        int[] flat = Scores.flatIndices(tokens, Math.toIntExact(vocab));
        if (flat.length == 0) {
            return;
        }
        INDArray values = Nd4j.valueArrayOf(new long[] {flat.length}, Double.NEGATIVE_INFINITY, logits.dataType());
        Transfers.toDevice();
        Transfers.toDevice();
        scatterUpdate(NdOps.view(logits, 0, logits.length()), Nd4j.createFromArray(flat), values);
    }

    private static void scatterUpdate(INDArray target, INDArray index, INDArray values) {
        Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(target, index, values).addOutputs(target).build());
    }

    @Override
    public int[] argmax() {
        INDArray ids = Nd4j.exec(new ArgMax(logits, false, new int[] {1}))[0];
        Transfers.toHost();
        return ids.toIntVector();
    }

    /**
     * Temperature, top-k and the inverse-CDF draw as ND4J ops (the k-th score by one {@code top_k}, the draw as
     * the count of CDF entries at or below the row's uniform); only the uniforms go up and the ids come back.
     * Top-p needs each row sorted, which stays on the host ({@link HostScores}).
     */
    @Override
    public int[] sample(double temperature, int topK, double topP, double[] uniforms) {
        if (topP < 1.0) {
            return new HostScores(toHost()).sample(temperature, topK, topP, uniforms);
        }
        if (temperature != 1.0) {
            logits.divi(temperature);
        }
        if (topK > 0 && topK < vocab) {
            INDArray kth = topValues(topK).getColumn(topK - 1).reshape(rows, 1).dup();
            INDArray below = Nd4j.create(DataType.BOOL, rows, vocab);
            Nd4j.exec(DynamicCustomOp.builder("less").addInputs(logits, kth).addOutputs(below).build());
            logits.subi(below.castTo(logits.dataType()).muli(DROPPED));          // exp underflows to 0: dropped
        }
        INDArray cdf = logits.dup();
        NdOps.softmaxRows(cdf);
        cdf = cdf.cumsum(1);
        INDArray u = Nd4j.createFromArray(uniforms).castTo(logits.dataType()).reshape(rows, 1);
        Transfers.toDevice();
        INDArray passed = Nd4j.create(DataType.BOOL, rows, vocab);
        Nd4j.exec(DynamicCustomOp.builder("less_equal").addInputs(cdf, u).addOutputs(passed).build());
        int[] ids = passed.castTo(DataType.INT).sum(1).toIntVector();
        Transfers.toHost();
        for (int r = 0; r < rows; r++) {
            if (ids[r] >= vocab) {                                  // u beyond the rounded total: the host rule
                ids[r] = lastPositive(r);
            }
        }
        return ids;
    }

    /** Subtracted from scores top-k drops: far below any score, so their probability is exactly 0. */
    private static final double DROPPED = 1e30;

    private int lastPositive(int r) {
        float[] row = NdOps.view(logits, r * vocab, vocab).castTo(DataType.FLOAT).toFloatVector();
        Transfers.toHost();
        int last = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : row) {
            max = Math.max(max, v);
        }
        for (int v = 0; v < row.length; v++) {
            if (Math.exp(row[v] - max) > 0) {
                last = v;
            }
        }
        return last;
    }

    /** Each row's {@code k} largest scores, descending, {@code [B, k]}. */
    private INDArray topValues(int k) {
        return topK(k)[0];
    }

    /** {values, ids} of each row's {@code k} largest scores, descending, {@code [B, k]} each. */
    private INDArray[] topK(int k) {
        INDArray values = Nd4j.create(logits.dataType(), rows, k);
        INDArray ids = Nd4j.create(DataType.INT, rows, k);
        Nd4j.exec(DynamicCustomOp.builder("top_k").addInputs(logits).addOutputs(values, ids)
                .addBooleanArguments(true).addIntegerArguments(k).build());
        return new INDArray[] {values, ids};
    }

    /**
     * Each row's best {@code n} tokens by one top_k op (a group's best n extensions are among its rows'
     * best n, since a row's beam score is the same for all its tokens); the host adds the beam scores in
     * double, as {@link HostScores} does, and keeps each group's best n.
     */
    @Override
    public BeamCandidates topCandidates(double[] beamScores, int beamsPerGroup, int n) {
        int perRow = (int) Math.min(n, vocab);
        INDArray[] top = topK(perRow);
        float[][] values = top[0].castTo(DataType.FLOAT).toFloatMatrix();
        int[][] tokens = top[1].toIntMatrix();
        Transfers.toHost();
        Transfers.toHost();
        List<List<Candidate>> groups = new ArrayList<>();
        for (int g = 0; g < rows / beamsPerGroup; g++) {
            List<Candidate> all = new ArrayList<>();
            for (int r = g * beamsPerGroup; r < (g + 1) * beamsPerGroup; r++) {
                for (int i = 0; i < perRow; i++) {
                    all.add(new Candidate(r, tokens[r][i], values[r][i] + beamScores[r]));
                }
            }
            all.sort(Candidate.BEST_FIRST);
            groups.add(all);
        }
        return BeamCandidates.of(n, groups);
    }
}
