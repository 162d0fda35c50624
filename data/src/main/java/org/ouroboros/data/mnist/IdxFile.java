package org.ouroboros.data.mnist;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.io.AtomicFiles;

/**
 * The IDX format of MNIST and Fashion-MNIST: two zero bytes, a type byte ({@code 0x08} = unsigned byte, the
 * only type these data sets use), the number of dimensions, each dimension as a big-endian int, then the
 * values in row-major order. Files may be gzipped (detected by their first bytes). Reading checks the magic
 * number, the dimensions against what the caller expects, and that the payload is exactly as long as the
 * dimensions say: a truncated file or one with trailing bytes is rejected, naming the file.
 *
 * @param dims   the dimensions, e.g. {@code [60000, 28, 28]} for images or {@code [60000]} for labels
 * @param values the values in row-major order, {@code product(dims)} bytes
 */
public record IdxFile(int[] dims, byte[] values) {
    /** The type byte of unsigned 8-bit values. */
    static final int UNSIGNED_BYTE = 0x08;
    /** The largest payload read (Fashion-MNIST's training images are 47 MB). */
    static final long MAX_VALUES = 256L << 20;

    public IdxFile {
        long n = count(dims);
        if (values.length != n) {
            throw new IllegalArgumentException("dimensions " + Arrays.toString(dims) + " need " + n + " values, got "
                    + values.length);
        }
    }

    /** The number of items (the first dimension). */
    public int items() {
        return dims[0];
    }

    /**
     * Reads {@code file} (raw or gzipped).
     *
     * @param rank the number of dimensions expected (1 for labels, 3 for images)
     */
    public static IdxFile read(Path file, int rank) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            return read(maybeGunzip(raw), rank, file.toString());
        } catch (IOException e) {
            throw new BadInputException("cannot read IDX file " + file + ": " + e.getMessage());
        }
    }

    /** Reads one IDX file from {@code in}; {@code name} names it in errors. */
    static IdxFile read(InputStream in, int rank, String name) throws IOException {
        byte[] header = readFully(in, 4, name, "the 4-byte magic number");
        if (header[0] != 0 || header[1] != 0) {
            throw bad(name, "magic number must start with two zero bytes, found "
                    + String.format("0x%02x%02x", header[0], header[1]));
        }
        if ((header[2] & 0xff) != UNSIGNED_BYTE) {
            throw bad(name, String.format("expected type 0x08 (unsigned byte), found 0x%02x", header[2] & 0xff));
        }
        int ndims = header[3] & 0xff;
        if (ndims != rank) {
            throw bad(name, "expected " + rank + " dimension(s), the header says " + ndims);
        }
        byte[] dimBytes = readFully(in, 4 * ndims, name, ndims + " dimension sizes");
        int[] dims = new int[ndims];
        for (int i = 0; i < ndims; i++) {
            dims[i] = ((dimBytes[4 * i] & 0xff) << 24) | ((dimBytes[4 * i + 1] & 0xff) << 16)
                    | ((dimBytes[4 * i + 2] & 0xff) << 8) | (dimBytes[4 * i + 3] & 0xff);
            if (dims[i] <= 0) {
                throw bad(name, "dimension " + i + " must be > 0, the header says " + dims[i]);
            }
        }
        long n = count(dims);
        if (n > MAX_VALUES) {
            throw bad(name, "dimensions " + Arrays.toString(dims) + " describe " + n + " values, more than "
                    + MAX_VALUES);
        }
        byte[] values;
        try {
            values = in.readNBytes((int) n);
        } catch (EOFException e) {
            throw bad(name, "truncated: the compressed stream ends early");
        }
        if (values.length < n) {
            throw bad(name, "truncated: dimensions " + Arrays.toString(dims) + " need " + n + " values, the file has "
                    + values.length);
        }
        if (in.read() >= 0) {
            throw bad(name, "trailing bytes after the " + n + " values that dimensions " + Arrays.toString(dims)
                    + " describe");
        }
        return new IdxFile(dims, values);
    }

    /** Writes this file to {@code file} atomically, gzipped if {@code gzip}. */
    public void write(Path file, boolean gzip) {
        AtomicFiles.write(file, out -> {
            OutputStream sink = gzip ? new GZIPOutputStream(out, 1 << 16) : out;
            sink.write(encode());
            if (sink instanceof GZIPOutputStream g) {
                g.finish();
            }
        });
    }

    /** The file's bytes, uncompressed. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(values.length + 4 + 4 * dims.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {0, 0, UNSIGNED_BYTE, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(values);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static byte[] readFully(InputStream in, int n, String name, String what) throws IOException {
        byte[] b;
        try {
            b = in.readNBytes(n);
        } catch (EOFException e) {
            b = new byte[0];
        }
        if (b.length < n) {
            throw bad(name, "truncated: the file ends inside " + what);
        }
        return b;
    }

    private static long count(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n = n > Long.MAX_VALUE / Math.max(1, d) ? Long.MAX_VALUE : n * d;
        }
        return n;
    }

    private static BadInputException bad(String name, String why) {
        return new BadInputException("IDX file " + name + ": " + why);
    }
}
