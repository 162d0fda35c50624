package org.ouroboros.trainer.engine;

import java.util.List;

/**
 * A batch of equal-length token sequences with next-token targets and per-position loss weights.
 *
 * @param size     number of sequences B
 * @param length   tokens per sequence T
 * @param ids      {@code B*T} input ids, row-major
 * @param targets  {@code B*T} target ids (the next token; any valid id where the weight is 0)
 * @param weights  {@code B*T} loss weights, 1 where a target exists, 0 at each sequence's last position
 */
public record Batch(int size, int length, int[] ids, int[] targets, float[] weights) {
    public Batch {
        int n = size * length;
        if (size <= 0 || length <= 0 || ids.length != n || targets.length != n || weights.length != n) {
            throw new IllegalArgumentException("batch of " + size + " x " + length + " needs " + n
                    + " ids/targets/weights, got " + ids.length + "/" + targets.length + "/" + weights.length);
        }
    }

    /** Sequences predicting their own next tokens: position t targets token t+1, the last position nothing. */
    public static Batch nextToken(List<int[]> sequences) {
        int t = sequences.get(0).length;
        for (int[] seq : sequences) {
            if (seq.length != t) {
                throw new IllegalArgumentException("sequences in a batch must have equal length: "
                        + t + " and " + seq.length);
            }
        }
        return padded(sequences, sequences.size(), t);
    }

    /**
     * Like {@link #nextToken} but every row padded (with id 0 and weight 0) to {@code length} and the batch
     * padded with empty rows to {@code rows}, so batches of ragged sequences share one shape. Causal attention
     * means padding after a sequence does not change its logits.
     */
    public static Batch padded(List<int[]> sequences, int rows, int length) {
        if (sequences.size() > rows) {
            throw new IllegalArgumentException(sequences.size() + " sequences do not fit " + rows + " rows");
        }
        int[] ids = new int[rows * length];
        int[] targets = new int[rows * length];
        float[] weights = new float[rows * length];
        for (int i = 0; i < sequences.size(); i++) {
            int[] seq = sequences.get(i);
            if (seq.length > length) {
                throw new IllegalArgumentException("a sequence of " + seq.length + " exceeds the length " + length);
            }
            System.arraycopy(seq, 0, ids, i * length, seq.length);
            for (int j = 0; j + 1 < seq.length; j++) {
                targets[i * length + j] = seq[j + 1];
                weights[i * length + j] = 1f;
            }
        }
        return new Batch(rows, length, ids, targets, weights);
    }

    /** Number of positions with a target. */
    public double targetCount() {
        double s = 0;
        for (float w : weights) {
            s += w;
        }
        return s;
    }
}
