package org.ouroboros.trainer.checkpoint;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ouroboros.cli.BadInputException;

/**
 * An open safetensors file: the header is read and validated on {@link #open}, tensors are read one at a
 * time on demand. Data is streamed from a {@link FileChannel} through one 1 MB buffer straight into each
 * tensor's float array, so reading a 500 MB checkpoint needs the floats and nothing more. Not thread-safe.
 */
public final class SafetensorsReader implements Closeable {
    /** Largest header accepted, as in HuggingFace's reader: a bigger one is corrupt or hostile. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    private SafetensorsReader(Path file, FileChannel channel, SafetensorsHeader header) {
        this.file = file;
        this.channel = channel;
        this.header = header;
    }

    /** Opens {@code file} and validates its header; throws {@link BadInputException} if it is not safetensors. */
    public static SafetensorsReader open(Path file) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": expected a .safetensors file, got a directory");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + file + ": " + e.getMessage(), e);
        }
        try {
            return new SafetensorsReader(file, channel, readHeader(file, channel));
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static SafetensorsHeader readHeader(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw corrupt(file, "it is " + size + " bytes long, shorter than the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, lengthBytes, 0);
        long n = lengthBytes.getLong(0);
        if (Long.compareUnsigned(n, MAX_HEADER_BYTES) > 0) {
            throw corrupt(file, "header length " + Long.toUnsignedString(n) + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        if (n > size - 8) {
            throw corrupt(file, "header length " + n + " goes beyond the end of the file (" + size
                    + " bytes; is it truncated?)");
        }
        ByteBuffer json = ByteBuffer.allocate((int) n);
        readFully(file, channel, json, 8);
        return SafetensorsHeaderParser.parse(file, json.array(), 8 + n, size - 8 - n);
    }

    /** The file this reader reads. */
    public Path file() {
        return file;
    }

    /** The validated header. */
    public SafetensorsHeader header() {
        return header;
    }

    /** Reads the tensor named {@code name}, converting F16, BF16 and F64 values to float32. */
    public Tensor read(String name) {
        TensorEntry entry = header.find(name).orElseThrow(
                () -> new BadInputException(file + ": holds no tensor named '" + name + "'"));
        return read(entry);
    }

    /** Reads every tensor, in header order. */
    public Map<String, Tensor> readAll() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (TensorEntry entry : header.tensors()) {
            tensors.put(entry.name(), read(entry));
        }
        return tensors;
    }

    /** Reads the tensor {@code entry} of this file's header describes. */
    public Tensor read(TensorEntry entry) {
        if (!entry.dtype().readable()) {
            throw new BadInputException(file + ": tensor '" + entry.name() + "' has dtype " + entry.dtype()
                    + "; only F32, F16, BF16 and F64 tensors can be read as floats");
        }
        long count = entry.elementCount();
        if (count > MAX_ARRAY_LENGTH) {
            throw new BadInputException(file + ": tensor '" + entry.name() + "' has " + count
                    + " values, more than one Java array holds (" + MAX_ARRAY_LENGTH + ")");
        }
        float[] values = new float[(int) count];
        int perChunk = CHUNK_BYTES / entry.dtype().bytes();
        long position = header.dataStart() + entry.begin();
        try {
            for (int offset = 0; offset < values.length; offset += perChunk) {
                int n = Math.min(perChunk, values.length - offset);
                chunk.clear().limit(n * entry.dtype().bytes());
                readFully(file, channel, chunk, position);
                position += chunk.limit();
                chunk.flip();
                decode(entry.dtype(), chunk, values, offset, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        return new Tensor(entry.shape(), values);
    }

    private static void decode(DType dtype, ByteBuffer in, float[] out, int offset, int n) {
        switch (dtype) {
            case F32 -> in.asFloatBuffer().get(out, offset, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[offset + i] = HalfFloats.f16ToFloat(in.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[offset + i] = HalfFloats.bf16ToFloat(in.getShort());
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[offset + i] = (float) in.getDouble();
                }
            }
            default -> throw new IllegalStateException("not a readable dtype: " + dtype);
        }
    }

    private static void readFully(Path file, FileChannel channel, ByteBuffer buffer, long position)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw corrupt(file, "the file ended at byte " + at + " while more data was expected"
                        + " (was it truncated while being read?)");
            }
            at += n;
        }
    }

    private static BadInputException corrupt(Path file, String problem) {
        return new BadInputException(file + ": not a valid safetensors file: " + problem);
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close " + file + ": " + e.getMessage(), e);
        }
    }
}
