package org.ouroboros.trainer.engine.nd4j;

import org.ouroboros.trainer.engine.OptConfig;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keys and values of every layer for a batch of sequences being decoded, so each new token attends to
 * the prefix without recomputing it. Rows can be reordered (beam search keeps the best continuations).
 */
public final class KvCache {
    final INDArray[] keys;      // per layer [B, H, capacity, hs]
    final INDArray[] values;
    final Map<Integer, IncrementalDecoder.Scratch> scratch = new HashMap<>();
    /** Layer passes whose attention ran through the host BLAS (tests check the fast path really runs). */
    long hostBlasLayers;
    private INDArray[] spareKeys;
    private INDArray[] spareValues;
    private final int batch;
    private final int capacity;
    private final DecodeWeights weights;
    private int length;

    KvCache(OptConfig cfg, int batch, int capacity, DataType type, DecodeWeights weights) {
        this.batch = batch;
        this.capacity = capacity;
        this.weights = weights;
        int layers = cfg.numLayers();
        keys = new INDArray[layers];
        values = new INDArray[layers];
        for (int i = 0; i < layers; i++) {
            keys[i] = Nd4j.create(type, batch, cfg.numHeads(), capacity, cfg.headDim());
            values[i] = Nd4j.create(type, batch, cfg.numHeads(), capacity, cfg.headDim());
        }
    }

    /** The weights this cache decodes with (a snapshot of the model's parameters). */
    DecodeWeights weights() {
        return weights;
    }

    /** Sequences in the batch. */
    public int batch() {
        return batch;
    }

    /** Most tokens the cache can hold per sequence. */
    public int capacity() {
        return capacity;
    }

    /** Tokens cached so far per sequence. */
    public int length() {
        return length;
    }

    void advance(int tokens) {
        length += tokens;
    }

    /** Frees the keys, values and step scratch (ND4J memory) now rather than at garbage collection. */
    void close() {
        for (INDArray[] arrays : new INDArray[][] {keys, values, spareKeys, spareValues}) {
            if (arrays != null) {
                for (INDArray a : arrays) {
                    a.close();
                }
            }
        }
        scratch.clear();
    }

    /** Makes row i hold what row {@code rows[i]} held (beam search reordering). */
    public void reorder(int[] rows) {
        if (rows.length != batch) {
            throw new IllegalArgumentException("reorder needs " + batch + " rows, got " + rows.length);
        }
        if (spareKeys == null) {
            spareKeys = new INDArray[keys.length];
            spareValues = new INDArray[keys.length];
            for (int i = 0; i < keys.length; i++) {
                spareKeys[i] = keys[i].ulike();
                spareValues[i] = values[i].ulike();
            }
        }
        INDArray index = Nd4j.createFromArray(rows);
        Transfers.toDevice();
        for (int i = 0; i < keys.length; i++) {
            long perRow = keys[i].length() / batch;
            NdOps.gatherRows(NdOps.view(keys[i], 0, batch, perRow), index, NdOps.view(spareKeys[i], 0, batch, perRow));
            NdOps.gatherRows(NdOps.view(values[i], 0, batch, perRow), index,
                    NdOps.view(spareValues[i], 0, batch, perRow));
            INDArray k = keys[i];
            keys[i] = spareKeys[i];
            spareKeys[i] = k;
            INDArray v = values[i];
            values[i] = spareValues[i];
            spareValues[i] = v;
        }
    }
}
