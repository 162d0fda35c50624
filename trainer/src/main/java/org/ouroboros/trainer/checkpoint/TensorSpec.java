package org.ouroboros.trainer.checkpoint;

import java.util.Arrays;

/**
 * A tensor's name and shape without its values: what a checkpoint layout expects, or what a safetensors
 * header declares before anything is read.
 *
 * @param name  HuggingFace parameter name, e.g. {@code model.decoder.layers.0.fc1.weight}
 * @param shape dimensions, each non-negative
 */
public record TensorSpec(String name, long[] shape) {

    public TensorSpec {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        shape = shape.clone();
        Tensor.elementCount(shape);
    }

    /** A spec from a name and dimensions. */
    public static TensorSpec of(String name, long... shape) {
        return new TensorSpec(name, shape);
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of values a tensor of this shape holds. */
    public long elementCount() {
        return Tensor.elementCount(shape);
    }

    /** The shape as {@code [768, 3072]}. */
    public String shapeString() {
        return Tensor.format(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec s && name.equals(s.name) && Arrays.equals(shape, s.shape);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + shapeString();
    }
}
