package org.ouroboros.data.mnist;

import java.util.Arrays;
import org.ouroboros.cli.BadInputException;

/**
 * Grey-scale images with a class label each, as in MNIST: {@code count} images of {@code rows x cols}
 * unsigned bytes (0 = background, 255 = ink), stored image after image.
 *
 * @param rows   image height
 * @param cols   image width
 * @param pixels {@code count * rows * cols} bytes, row-major within each image
 * @param labels one class index (0..classes-1) per image
 */
public record LabeledImages(int rows, int cols, byte[] pixels, byte[] labels) {
    public LabeledImages {
        if (rows <= 0 || cols <= 0 || (long) labels.length * rows * cols != pixels.length) {
            throw new IllegalArgumentException(labels.length + " labels and " + pixels.length + " pixels do not make "
                    + rows + "x" + cols + " images");
        }
    }

    /** Pairs an images file ({@code [n, rows, cols]}) with a labels file ({@code [n]}). */
    public static LabeledImages of(IdxFile images, IdxFile labels, String name) {
        if (images.dims().length != 3 || labels.dims().length != 1 || images.items() != labels.items()) {
            throw new BadInputException(name + ": images " + Arrays.toString(images.dims())
                    + " and labels " + Arrays.toString(labels.dims()) + " do not match (expected [n, rows, cols] and [n])");
        }
        return new LabeledImages(images.dims()[1], images.dims()[2], images.values(), labels.values());
    }

    /** Number of images. */
    public int count() {
        return labels.length;
    }

    /** Pixels per image. */
    public int size() {
        return rows * cols;
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[i] & 0xff;
    }

    /** The images at {@code indices}, in that order. */
    public LabeledImages subset(int[] indices) {
        int d = size();
        byte[] p = new byte[indices.length * d];
        byte[] l = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, indices[k] * d, p, k * d, d);
            l[k] = labels[indices[k]];
        }
        return new LabeledImages(rows, cols, p, l);
    }

    /** The first {@code n} images. */
    public LabeledImages head(int n) {
        int m = Math.min(n, count());
        return new LabeledImages(rows, cols, Arrays.copyOf(pixels, m * size()), Arrays.copyOf(labels, m));
    }

    /** The images file of this set. */
    public IdxFile imagesIdx() {
        return new IdxFile(new int[] {count(), rows, cols}, pixels);
    }

    /** The labels file of this set. */
    public IdxFile labelsIdx() {
        return new IdxFile(new int[] {count()}, labels);
    }
}
