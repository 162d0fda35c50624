package org.ouroboros.trainer.engine.nd4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ouroboros.trainer.engine.Decoder;
import org.ouroboros.trainer.engine.Scores;
import org.ouroboros.trainer.sample.HostScores;

/**
 * An {@link OptModel}'s KV-cache decoding as a {@link Decoder}. On the CPU backend the scores come to the
 * host as {@code float[][]} and HF's processors run in Java ({@link HostScores}); elsewhere they stay in
 * ND4J memory and tokens are picked there ({@link Nd4jScores}), so only ids and beam scores are copied.
 */
final class Nd4jDecoder implements Decoder {
    private final OptModel model;
    private final KvCache cache;

    Nd4jDecoder(OptModel model, KvCache cache) {
        this.model = model;
        this.cache = cache;
    }

    /** The cache (tests look at which path its layers took). */
    KvCache cache() {
        return cache;
    }

    @Override
    public Scores step(int[][] tokens) {
        INDArray logits = model.decode(cache, tokens);
        if (HostBlas.supports(logits)) {
            Transfers.toHost();
            return new HostScores(logits.castTo(DataType.FLOAT).toFloatMatrix());
        }
        return new Nd4jScores(logits);
    }

    @Override
    public void reorder(int[] rows) {
        cache.reorder(rows);
    }

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
        cache.close();
    }
}
