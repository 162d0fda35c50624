package org.ouroboros.trainer.engine.pytorch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalars for the operations autograd records, as 0-dim tensors whose memory libtorch owns.
 *
 * <p>DJL 0.33's {@code NDArray.mul(Number)} (and every other {@code op(Number)}) puts the number in a 0-dim
 * tensor borrowed from a Java direct buffer ({@code torch::from_blob}) and closes that tensor as soon as the op
 * returns. Autograd keeps the scalar to compute the backward pass ({@code d(x*s)/dx = s}), so when the JVM
 * collects garbage between the forward and the backward pass, the buffer is freed and the backward reads
 * whatever the allocator put there since: gradients of 1e27 or NaN. The launcher's small young generation and
 * periodic collections made that happen within a few steps; a test JVM rarely collected during a step. A
 * tensor made by {@code torch::full} is reference-counted by libtorch, so the graph keeps it alive however
 * the JVM collects. Ops outside a gradient collector (AdamW, decoding) may keep using {@code op(Number)}.
 */
final class TorchScalars {
    private TorchScalars() {
    }

    /** {@code value} as a 0-dim tensor of {@code like}'s type on its device, owned by libtorch. */
    static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
