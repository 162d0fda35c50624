package org.ouroboros.trainer.cli;

import org.ouroboros.trainer.bench.BenchShape;
import picocli.CommandLine.Option;

/** Model and batch shape flags shared by the benchmarks (defaults: the PyTorch yardstick shape). */
public final class ShapeOptions {
    @Option(names = "--vocab", defaultValue = "4096", description = "Vocabulary size (default: ${DEFAULT-VALUE}).")
    int vocab;

    @Option(names = "--hidden", defaultValue = "256", description = "Model width (default: ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", defaultValue = "4", description = "Decoder layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--heads", defaultValue = "4", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;

    @Option(names = "--ffn", defaultValue = "1024", description = "Feed-forward width (default: ${DEFAULT-VALUE}).")
    int ffn;

    @Option(names = "--block-size", defaultValue = "128", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--batch-size", defaultValue = "16", description = "Sequences per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    BenchShape shape() {
        return new BenchShape(vocab, hidden, layers, heads, ffn, blockSize, batchSize);
    }
}
