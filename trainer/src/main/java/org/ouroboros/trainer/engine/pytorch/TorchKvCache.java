package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ouroboros.trainer.engine.OptConfig;

/**
 * Keys and values of every layer for a batch of sequences being decoded, on the device: per layer two
 * {@code [B, H, capacity, hs]} tensors written in place as tokens arrive, so a step copies nothing back.
 * Rows can be reordered (beam search keeps the best continuations) with one gather per tensor.
 */
final class TorchKvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;
    private final int batch;
    private final int capacity;
    private int length;

    TorchKvCache(OptConfig config, NDManager parent, int batch, int capacity) {
        if (capacity > config.maxPositions()) {
            throw new IllegalArgumentException("cache capacity " + capacity + " exceeds max_position_embeddings "
                    + config.maxPositions());
        }
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.capacity = capacity;
        Shape shape = new Shape(batch, config.numHeads(), capacity, config.headDim());
        keys = new NDArray[config.numLayers()];
        values = new NDArray[config.numLayers()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = manager.zeros(shape);
            values[i] = manager.zeros(shape);
        }
    }

    int batch() {
        return batch;
    }

    int length() {
        return length;
    }

    /** Checks that {@code tokens} more fit before a step writes them. */
    void reserve(int tokens) {
        if (length + tokens > capacity) {
            throw new IllegalStateException("KV cache full: " + length + " + " + tokens + " tokens exceed capacity "
                    + capacity);
        }
    }

    /**
     * Writes layer {@code layer}'s new keys and values ({@code [B, H, t, hs]}) after the cached ones and returns
     * views of everything cached so far, {@code [B, H, length + t, hs]} each.
     */
    NDArray[] append(int layer, NDArray k, NDArray v) {
        long t = k.getShape().get(2);
        NDIndex slot = new NDIndex(":, :, {}:{}", length, length + t);
        keys[layer].set(slot, k);
        values[layer].set(slot, v);
        NDIndex filled = new NDIndex(":, :, :{}", length + t);
        return new NDArray[] {keys[layer].get(filled), values[layer].get(filled)};
    }

    /** Advances the length once every layer has appended a step's {@code tokens}. */
    void advance(int tokens) {
        length += tokens;
    }

    /** Row {@code i} takes the cached keys and values of old row {@code rows[i]}. */
    void reorder(int[] rows) {
        if (rows.length != batch) {
            throw new IllegalArgumentException("reorder needs " + batch + " rows, got " + rows.length);
        }
        NDArray index = manager.create(rows).toType(DataType.INT64, false);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = swap(keys[i], keys[i].get(index));
            values[i] = swap(values[i], values[i].get(index));
        }
        index.close();
    }

    private NDArray swap(NDArray old, NDArray fresh) {
        fresh.attach(manager);
        NDScope.unregister(fresh);     // the cache outlives any scope the step runs in
        old.close();
        return fresh;
    }

    @Override
    public void close() {
        manager.close();
    }
}
