package org.ouroboros.trainer.checkpoint;

import java.util.Arrays;

/**
 * One tensor as a safetensors header declares it: name, element type, shape and the byte range of its data
 * (relative to the start of the data buffer, which follows the header).
 *
 * @param name  tensor name
 * @param dtype element type
 * @param shape dimensions
 * @param begin first byte of the data, inclusive
 * @param end   last byte of the data, exclusive
 */
public record TensorEntry(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorEntry {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Name and shape, without type and offsets. */
    public TensorSpec spec() {
        return new TensorSpec(name, shape);
    }

    /** Number of values. */
    public long elementCount() {
        return Tensor.elementCount(shape);
    }

    /** Bytes of data. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorEntry t && name.equals(t.name) && dtype == t.dtype
                && Arrays.equals(shape, t.shape) && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return ((name.hashCode() * 31 + dtype.hashCode()) * 31 + Arrays.hashCode(shape)) * 31
                + Long.hashCode(begin * 31 + end);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Tensor.format(shape) + " @[" + begin + ", " + end + ")";
    }
}
