package org.ouroboros.trainer.checkpoint;

import java.util.Arrays;

/**
 * A float32 tensor as checkpoints hold it: a shape and the values in row-major (C) order, last index
 * fastest, like {@code torch.Tensor.contiguous()} and ND4J's {@code 'c'} order. The data array is not
 * copied (a 125M-parameter model is 500 MB of floats); callers must not change it while it is being saved.
 *
 * @param shape dimensions, each non-negative; {@code []} is a scalar
 * @param data  the {@code product(shape)} values
 */
public record Tensor(long[] shape, float[] data) {

    public Tensor {
        shape = shape.clone();
        long n = elementCount(shape);
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "tensor of shape " + format(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    /** A tensor of the given shape and values (a convenience for {@code new Tensor(shape, data)}). */
    public static Tensor of(float[] data, long... shape) {
        return new Tensor(shape, data);
    }

    /** A zero-filled tensor of the given shape. */
    public static Tensor zeros(long... shape) {
        return new Tensor(shape, new float[Math.toIntExact(elementCount(shape))]);
    }

    /** A copy of the shape (records would otherwise hand out the internal array). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** The shape as {@code [768, 3072]}. */
    public String shapeString() {
        return format(shape);
    }

    /** Whether this tensor has exactly {@code other}'s dimensions. */
    public boolean hasShape(long[] other) {
        return Arrays.equals(shape, other);
    }

    /**
     * Product of {@code dims}, the number of values of a tensor with that shape.
     *
     * @throws IllegalArgumentException if a dimension is negative
     * @throws ArithmeticException      if the product overflows a long
     */
    public static long elementCount(long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + format(dims));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** A shape as {@code [768, 3072]}, the form every error message uses. */
    public static String format(long[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return sb.append(']').toString();
    }

    /** Equal shapes and bitwise-equal values (so NaN equals NaN, and 0.0 differs from -0.0). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + format(shape);
    }
}
