package org.ouroboros.trainer.engine;

import java.util.Locale;
import org.ouroboros.cli.BadInputException;

/**
 * The shape of an OPT decoder, as HuggingFace's {@code OPTConfig} names it. Only the pre-LayerNorm, ReLU,
 * biased, tied-embedding variant (OPT-125m, 1.3b, 2.7b, ...) is supported; the constructor rejects the
 * rest with a message saying which field is off.
 *
 * @param vocabSize      number of token embeddings (rows of {@code embed_tokens})
 * @param hiddenSize     model width C
 * @param numLayers      decoder blocks
 * @param numHeads       attention heads; {@code hiddenSize} must divide evenly
 * @param ffnDim         inner width of the ReLU feed-forward block
 * @param maxPositions   longest sequence; the position table has {@code maxPositions + 2} rows
 * @param bosTokenId     beginning-of-sequence id ({@code </s>} for OPT)
 * @param eosTokenId     end-of-sequence id
 * @param padTokenId     padding id
 */
public record OptConfig(int vocabSize, int hiddenSize, int numLayers, int numHeads, int ffnDim, int maxPositions,
                        int bosTokenId, int eosTokenId, int padTokenId) {

    /** OPT's learned positions are looked up at {@code position + 2} (a fairseq leftover). */
    public static final int POSITION_OFFSET = 2;

    public OptConfig {
        require(vocabSize > 0, "vocab_size must be positive, got %d", vocabSize);
        require(hiddenSize > 0, "hidden_size must be positive, got %d", hiddenSize);
        require(numLayers > 0, "num_hidden_layers must be positive, got %d", numLayers);
        require(numHeads > 0, "num_attention_heads must be positive, got %d", numHeads);
        require(hiddenSize % numHeads == 0,
                "hidden_size (%d) must be divisible by num_attention_heads (%d)", hiddenSize, numHeads);
        require(ffnDim > 0, "ffn_dim must be positive, got %d", ffnDim);
        require(maxPositions > 0, "max_position_embeddings must be positive, got %d", maxPositions);
        for (int id : new int[] {bosTokenId, eosTokenId, padTokenId}) {
            require(id >= 0 && id < vocabSize,
                    "special token ids (bos %d, eos %d, pad %d) must lie in [0, vocab_size=%d)",
                    bosTokenId, eosTokenId, padTokenId, vocabSize);
        }
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Rows of the learned position table ({@code embed_positions}). */
    public int positionRows() {
        return maxPositions + POSITION_OFFSET;
    }

    /** Number of trainable parameters (the LM head is tied to the token embedding). */
    public long parameterCount() {
        long c = hiddenSize;
        long perLayer = 4 * (c * c + c) + (c * ffnDim + ffnDim) + (ffnDim * c + c) + 4 * c;
        return (long) vocabSize * c + (long) positionRows() * c + numLayers * perLayer + 2 * c;
    }

    /** A copy with another vocabulary size and special ids (used when a preset meets a tokenizer). */
    public OptConfig withVocab(int vocab, int bos, int eos, int pad) {
        return new OptConfig(vocab, hiddenSize, numLayers, numHeads, ffnDim, maxPositions, bos, eos, pad);
    }

    /** A copy with another maximum sequence length. */
    public OptConfig withMaxPositions(int positions) {
        return new OptConfig(vocabSize, hiddenSize, numLayers, numHeads, ffnDim, positions,
                bosTokenId, eosTokenId, padTokenId);
    }

    /**
     * Named shapes: {@code tiny} (2 layers, width 64: tests and smoke runs), {@code small} (4 layers, width
     * 256: the benchmark shape and the demo), {@code opt-125m} (facebook/opt-125m's shape, GPT-2 BPE vocab).
     * Vocabulary and special ids of {@code tiny}/{@code small} come from the tokenizer via
     * {@link #withVocab}.
     */
    public static OptConfig preset(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tiny" -> new OptConfig(4096, 64, 2, 2, 256, 512, 1, 1, 0);
            case "small" -> new OptConfig(4096, 256, 4, 4, 1024, 512, 1, 1, 0);
            case "opt-125m" -> new OptConfig(50272, 768, 12, 12, 3072, 2048, 2, 2, 1);
            default -> throw new BadInputException(
                    "unknown model config '" + name + "': use tiny, small, opt-125m or a config.json path");
        };
    }

    private static void require(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new BadInputException("invalid OPT config: " + String.format(Locale.ROOT, format, args));
        }
    }
}
