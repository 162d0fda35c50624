package org.ouroboros.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ouroboros.cli.BadInputException;

class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> randomTensors(long seed) {
        Random random = new Random(seed);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embed.weight", randomTensor(random, 32, 8));
        tensors.put("layer.0.bias", randomTensor(random, 8));
        tensors.put("big", randomTensor(random, 700, 1000)); // 2.8 MB in F32: spans several 1 MB chunks
        tensors.put("scalar", randomTensor(random));
        tensors.put("empty", Tensor.zeros(0, 4));
        return tensors;
    }

    private static Tensor randomTensor(Random random, long... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 6));
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(names = {"F32", "F16", "BF16"})
    void writtenTensorsReadBackAsTheirRoundedValues(DType dtype) {
        Map<String, Tensor> tensors = randomTensors(7);
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, tensors, Map.of("format", "pt"), dtype);

        SafetensorsFile read = Safetensors.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(read.tensors().keySet()), "header order kept");
        assertEquals(Map.of("format", "pt"), read.metadata());
        tensors.forEach((name, t) -> assertEquals(rounded(t, dtype), read.tensors().get(name), name));
        SafetensorsHeader header = Safetensors.readHeader(file);
        assertTrue(header.tensors().stream().allMatch(e -> e.dtype() == dtype));
        assertEquals(0, header.dataStart() % 8, "data buffer 8-byte aligned like HF's writer");
    }

    private static Tensor rounded(Tensor t, DType dtype) {
        float[] values = t.data().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (dtype) {
                case F16 -> HalfFloats.f16ToFloat(HalfFloats.floatToF16(values[i]));
                case BF16 -> HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(values[i]));
                default -> values[i];
            };
        }
        return new Tensor(t.shape(), values);
    }

    @Test
    void f32RoundTripIsBitExactIncludingSpecialValues() {
        float[] special = {0f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY,
            Float.intBitsToFloat(0x7fc00123), 1e-40f, (float) Math.PI};
        Path file = dir.resolve("s.safetensors");
        Safetensors.write(file, Map.of("x", Tensor.of(special, 2, 4)), Map.of(), DType.F32);
        float[] back = Safetensors.read(file).tensors().get("x").data();
        for (int i = 0; i < special.length; i++) {
            assertEquals(Float.floatToRawIntBits(special[i]), Float.floatToRawIntBits(back[i]), "index " + i);
        }
    }

    /** The bytes on disk, not just the values read back, hold the hand-computed binary16 patterns. */
    @Test
    void f16BytesOnDiskAreTheHandComputedPatterns() throws IOException {
        float[] values = {1f, -2f, 65520f, 0x1.8p-24f, Float.POSITIVE_INFINITY, 0x1.002p0f, 0.1f, -0f};
        short[] expected = {0x3c00, (short) 0xc000, 0x7c00, 0x0002, 0x7c00, 0x3c00, 0x2e66, (short) 0x8000};
        Path file = dir.resolve("h.safetensors");
        Safetensors.write(file, Map.of("x", Tensor.of(values, 8)), Map.of(), DType.F16);
        assertArrayEquals(expected, rawShorts(file));
    }

    @Test
    void bf16BytesOnDiskAreTheHandComputedPatterns() throws IOException {
        float[] values = {1f, -2f, 0x1.01p0f, 0x1.03p0f, Float.MAX_VALUE, 0.1f};
        short[] expected = {0x3f80, (short) 0xc000, 0x3f80, 0x3f82, 0x7f80, 0x3dcd};
        Path file = dir.resolve("b.safetensors");
        Safetensors.write(file, Map.of("x", Tensor.of(values, 2, 3)), Map.of(), DType.BF16);
        assertArrayEquals(expected, rawShorts(file));
        assertEquals("{\"x\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[0,12]}}",
                headerText(file).strip());
    }

    private static short[] rawShorts(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int start = (int) (8 + bytes.getLong(0));
        short[] out = new short[(bytes.capacity() - start) / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.getShort(start + 2 * i);
        }
        return out;
    }

    private static String headerText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int n = (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        return new String(bytes, 8, n, StandardCharsets.UTF_8);
    }

    @Test
    void readsF64AndF16FilesWrittenByHand() {
        ByteBuffer data = ByteBuffer.allocate(16 + 4).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(1.5).putDouble(-1e300).putShort((short) 0x0001).putShort((short) 0xfc00);
        Path file = SafetensorsBytes.write(dir, "{\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[16,20]}}", data.array());
        SafetensorsFile read = Safetensors.read(file);
        assertArrayEquals(new float[] {1.5f, Float.NEGATIVE_INFINITY}, read.tensors().get("d").data());
        assertArrayEquals(new float[] {0x1p-24f, Float.NEGATIVE_INFINITY}, read.tensors().get("h").data());
    }

    @Test
    void readerReadsSingleTensorsOnDemandAndRejectsUnknownNames() {
        Path file = dir.resolve("m.safetensors");
        Map<String, Tensor> tensors = randomTensors(3);
        Safetensors.write(file, tensors, Map.of(), DType.F32);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertEquals(tensors.get("layer.0.bias"), reader.read("layer.0.bias"));
            BadInputException e = assertThrows(BadInputException.class, () -> reader.read("nope"));
            assertTrue(e.getMessage().contains("no tensor named 'nope'"), e.getMessage());
        }
    }

    @Test
    void streamingWriteRejectsATensorWhoseShapeDiffersFromTheLayout() {
        List<TensorSpec> layout = List.of(TensorSpec.of("a", 2), TensorSpec.of("x", 2, 3));
        Map<String, Tensor> values = Map.of("a", Tensor.zeros(2), "x", Tensor.zeros(3, 2));
        BadInputException e = assertThrows(BadInputException.class, () -> Safetensors.write(
                new ByteArrayOutputStream(), layout, values::get, Map.of(), DType.F32));
        assertEquals("x: expected [2, 3], got [3, 2]", e.getMessage());
        BadInputException missing = assertThrows(BadInputException.class, () -> Safetensors.write(
                new ByteArrayOutputStream(), layout, Map.of("a", Tensor.zeros(2))::get, Map.of(), DType.F32));
        assertTrue(missing.getMessage().contains("no values given for tensor x"), missing.getMessage());
    }

    @Test
    void writableDtypesParseFromCommonSpellings() {
        assertEquals(DType.F16, DType.parseWritable("fp16"));
        assertEquals(DType.BF16, DType.parseWritable("BFloat16"));
        assertEquals(DType.F32, DType.parseWritable("float32"));
        BadInputException e = assertThrows(BadInputException.class, () -> DType.parseWritable("int8"));
        assertEquals("unknown checkpoint dtype 'int8': use float32, float16 or bfloat16", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Safetensors.write(dir.resolve("x.safetensors"),
                Map.of("x", Tensor.zeros(1)), Map.of(), DType.F64));
    }
}
