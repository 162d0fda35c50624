package org.ouroboros.trainer.engine;

import java.util.Locale;
import org.ouroboros.cli.BadInputException;

/**
 * The precision a model's matrix products run in while it trains. {@code F32}: everything float32.
 * {@code BF16}: autocast-style mixed precision - the projections, attention products, feed-forward and LM-head
 * matmuls take bfloat16 inputs, while the weights, their gradients, the optimizer state, LayerNorm, softmax and
 * the loss stay float32. Only the PyTorch engine offers {@code BF16}. (A checkpoint's on-disk precision is a
 * separate choice, {@code train --dtype}.)
 */
public enum ComputeDType {
    F32("f32"),
    BF16("bf16");

    private final String code;

    ComputeDType(String code) {
        this.code = code;
    }

    /** {@code f32} or {@code bf16}, as the command line spells it. */
    public String code() {
        return code;
    }

    /**
     * {@code f32} or {@code bf16} (any case).
     *
     * @throws BadInputException naming {@code option} when it is neither
     */
    public static ComputeDType parse(String value, String option) {
        for (ComputeDType d : values()) {
            if (d.code.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new BadInputException(option + " must be f32 or bf16, got '" + value + "'");
    }
}
