package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.ouroboros.trainer.engine.Decoder;

/**
 * Incremental decoding on the device: each step feeds equal-length rows of new tokens through the model with
 * a {@link TorchKvCache} and keeps the last position's scores {@code [B, V]} there as {@link TorchScores}.
 */
public final class PyTorchDecoder implements Decoder {
    private final TorchOpt opt;
    private final TorchKvCache cache;
    private final NDManager manager;
    private TorchScores last;

    PyTorchDecoder(TorchOpt opt, TorchKvCache cache, NDManager manager) {
        this.opt = opt;
        this.cache = cache;
        this.manager = manager;
    }

    /** Appends {@code tokens} (one equal-length row per cached sequence) and returns the next-token scores. */
    @Override
    public TorchScores step(int[][] tokens) {
        if (tokens.length != cache.batch()) {
            throw new IllegalArgumentException("decoder holds " + cache.batch() + " sequences, got " + tokens.length
                    + " rows");
        }
        int t = tokens[0].length;
        long[] flat = new long[tokens.length * t];
        for (int r = 0; r < tokens.length; r++) {
            if (tokens[r].length != t) {
                throw new IllegalArgumentException("rows must have equal length: " + t + " and " + tokens[r].length);
            }
            for (int j = 0; j < t; j++) {
                flat[r * t + j] = tokens[r][j];
            }
        }
        if (last != null) {
            last.close();
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray ids = manager.create(flat, new Shape(tokens.length, t));
            NDArray hidden = opt.decoder(ids, cache).get(new NDIndex(":, -1, :"));         // [B, C]
            NDArray scores = opt.lmHead(hidden);                                             // [B, V]
            NDScope.unregister(scores);
            last = new TorchScores(manager, scores);
            return last;
        }
    }

    /** Beam search: row {@code i} continues old row {@code rows[i]}. */
    @Override
    public void reorder(int[] rows) {
        cache.reorder(rows);
    }

    /** Tokens cached per sequence. */
    @Override
    public int length() {
        return cache.length();
    }

    @Override
    public int batch() {
        return cache.batch();
    }

    @Override
    public void close() {
        if (last != null) {
            last.close();
        }
        cache.close();
    }
}
