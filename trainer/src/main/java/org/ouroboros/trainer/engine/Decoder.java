package org.ouroboros.trainer.engine;

/**
 * Incremental decoding of a batch of sequences with a KV cache on the device: each step feeds new tokens
 * (the prompt once, then one token per sequence) and returns the next-token scores of the last position.
 */
public interface Decoder extends AutoCloseable {
    /**
     * Appends {@code tokens} (one equal-length row per cached sequence) and returns the scores (logits) of
     * each row's last new position, {@code [B, V]}. The returned scores are valid until the next step.
     *
     * @throws IllegalArgumentException on a wrong number of rows, unequal rows, or a full cache
     */
    Scores step(int[][] tokens);

    /** Beam search reordering: row i takes what row {@code rows[i]} held (rows may repeat). */
    void reorder(int[] rows);

    /** Tokens cached so far per sequence. */
    int length();

    /** Sequences in the batch. */
    int batch();

    /** Frees the cache's device memory. */
    @Override
    void close();
}
