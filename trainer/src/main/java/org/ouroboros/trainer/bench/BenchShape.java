package org.ouroboros.trainer.bench;

import org.ouroboros.trainer.engine.OptConfig;

/**
 * The model and batch a benchmark runs: by default the yardstick shape (vocab 4096, width 256, 4 layers,
 * 4 heads, ffn 1024, 128-token blocks, batch 16), the same as {@code scripts/bench-vs-pytorch} gives PyTorch.
 */
public record BenchShape(int vocab, int hidden, int layers, int heads, int ffn, int blockSize, int batchSize) {
    public OptConfig config(int positions) {
        return new OptConfig(vocab, hidden, layers, heads, ffn, Math.max(positions, blockSize), 1, 1, 0);
    }

    /** Matmul parameters: the ones every token multiplies through (LM head included, embeddings not). */
    public long matmulParameters() {
        long c = hidden;
        return layers * (4 * c * c + 2 * c * ffn) + (long) vocab * c;
    }

    /** Floating-point operations of one forward pass over a batch: 2 per matmul parameter per token plus attention. */
    public double forwardFlops(int batch, int tokens, int keys) {
        double n = (double) batch * tokens;
        return 2 * n * matmulParameters() + 4.0 * batch * tokens * keys * (double) hidden * layers;
    }
}
