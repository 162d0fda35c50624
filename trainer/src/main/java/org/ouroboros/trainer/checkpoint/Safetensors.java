package org.ouroboros.trainer.checkpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.io.AtomicFiles;

/**
 * Reading and writing HuggingFace's safetensors format in pure Java: an 8-byte little-endian header length
 * N, N bytes of UTF-8 JSON naming each tensor's dtype, shape and byte range, then the raw little-endian
 * data. Chosen over pickled {@code .bin} files because loading it runs no code, and because transformers,
 * PyTorch and JAX tools all read it. Reading is {@link SafetensorsReader}; this class adds whole-file reads
 * and streaming writes (values are converted chunk by chunk, never held twice).
 */
public final class Safetensors {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int HEADER_ALIGNMENT = 8;

    private Safetensors() {
    }

    /** Every tensor and the metadata of {@code file}, validated. */
    public static SafetensorsFile read(Path file) {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            return new SafetensorsFile(reader.readAll(), reader.header().metadata());
        }
    }

    /** The validated header of {@code file}, without reading any tensor data. */
    public static SafetensorsHeader readHeader(Path file) {
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            return reader.header();
        }
    }

    /** Writes {@code tensors} in map order to {@code file} atomically (temp file + rename). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, DType dtype) {
        List<TensorSpec> layout = new ArrayList<>();
        tensors.forEach((name, t) -> layout.add(new TensorSpec(name, t.shape())));
        AtomicFiles.write(file, out -> write(out, layout, tensors::get, metadata, dtype));
    }

    /**
     * Streams a safetensors file to {@code out}. The header is built from {@code layout} alone, then
     * {@code values} is asked for each tensor once, in layout order, so it may produce tensors lazily (say,
     * from device memory) and only one needs to exist at a time.
     *
     * @throws BadInputException if {@code values} returns null or a tensor whose shape differs from the layout
     */
    public static void write(OutputStream out, List<TensorSpec> layout, Function<String, Tensor> values,
                             Map<String, String> metadata, DType dtype) throws IOException {
        if (!dtype.writable()) {
            throw new IllegalArgumentException("cannot write " + dtype + " tensors: use F32, F16 or BF16");
        }
        byte[] header = header(layout, metadata, dtype);
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length);
        out.write(buffer.array(), 0, 8);
        out.write(header);
        for (TensorSpec spec : layout) {
            Tensor t = values.apply(spec.name());
            if (t == null) {
                throw new BadInputException("no values given for tensor " + spec.name());
            }
            if (!t.hasShape(spec.shape())) {
                throw new BadInputException(spec.name() + ": expected " + spec.shapeString() + ", got "
                        + t.shapeString());
            }
            writeData(out, buffer, t.data(), dtype);
        }
    }

    /** The JSON header for {@code layout}, padded with spaces to a multiple of 8 bytes as HF's writer does. */
    static byte[] header(List<TensorSpec> layout, Map<String, String> metadata, DType dtype) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeaderParser.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (TensorSpec spec : layout) {
            if (spec.name().equals(SafetensorsHeaderParser.METADATA_KEY) || !names.add(spec.name())) {
                throw new IllegalArgumentException("tensor name used twice or reserved: " + spec.name());
            }
            long end = offset + Math.multiplyExact(spec.elementCount(), dtype.bytes());
            ObjectNode entry = root.putObject(spec.name());
            entry.put("dtype", dtype.name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : spec.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + HEADER_ALIGNMENT - 1) / HEADER_ALIGNMENT * HEADER_ALIGNMENT;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }

    private static void writeData(OutputStream out, ByteBuffer buffer, float[] data, DType dtype)
            throws IOException {
        int perChunk = CHUNK_BYTES / dtype.bytes();
        for (int offset = 0; offset < data.length; offset += perChunk) {
            int n = Math.min(perChunk, data.length - offset);
            buffer.clear();
            switch (dtype) {
                case F32 -> buffer.asFloatBuffer().put(data, offset, n);
                case F16 -> {
                    for (int i = 0; i < n; i++) {
                        buffer.putShort(2 * i, HalfFloats.floatToF16(data[offset + i]));
                    }
                }
                case BF16 -> {
                    for (int i = 0; i < n; i++) {
                        buffer.putShort(2 * i, HalfFloats.floatToBf16(data[offset + i]));
                    }
                }
                default -> throw new IllegalStateException("not a writable dtype: " + dtype);
            }
            out.write(buffer.array(), 0, n * dtype.bytes());
        }
    }
}
