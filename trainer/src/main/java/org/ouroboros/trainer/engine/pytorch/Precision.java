package org.ouroboros.trainer.engine.pytorch;

import java.util.Locale;

/**
 * The number format of the PyTorch engine's matrix products. Weights, gradients and AdamW state are float32
 * either way; {@code BF16} rounds each product's inputs to bfloat16 and returns a float32 result, as
 * {@code torch.autocast(dtype=torch.bfloat16)} does for Linear layers and attention, which is what reaches
 * tensor-core speed on Ampere and newer GPUs. LayerNorm, softmax and the loss stay float32.
 */
public enum Precision {
    /** float32 everywhere (the default). */
    FLOAT32,
    /** bfloat16 matrix products with float32 master weights. */
    BF16;

    /**
     * {@code float32} (or {@code fp32}) and {@code bf16} (or {@code bfloat16}).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "float32", "fp32", "f32" -> FLOAT32;
            case "bf16", "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("--dtype must be float32 or bf16, got '" + name + "'");
        };
    }

    /** The lower-case name the CLI and provenance use. */
    public String label() {
        return this == FLOAT32 ? "float32" : "bf16";
    }
}
