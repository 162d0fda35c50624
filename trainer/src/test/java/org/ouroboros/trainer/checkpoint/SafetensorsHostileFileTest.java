package org.ouroboros.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ouroboros.cli.BadInputException;

/** Every malformed file is refused with a message naming the file and the problem. */
class SafetensorsHostileFileTest {
    private static final String A16 = "\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}";

    @TempDir
    Path dir;

    private static void assertRejected(Path file, String fragment) {
        BadInputException e = assertThrows(BadInputException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": not a valid safetensors file: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void fileShorterThanTheLengthField() {
        assertRejected(SafetensorsBytes.bytes(dir, new byte[] {1, 0, 0, 0, 0}), "5 bytes long, shorter than the 8");
        assertRejected(SafetensorsBytes.bytes(dir, new byte[0]), "0 bytes long");
    }

    @Test
    void headerLengthBeyondTheFile() {
        assertRejected(SafetensorsBytes.raw(dir, 100, "{}".getBytes(StandardCharsets.UTF_8)),
                "header length 100 goes beyond the end of the file (10 bytes");
    }

    @Test
    void headerLengthOverTheLimit() {
        assertRejected(SafetensorsBytes.raw(dir, 200_000_000L, new byte[16]),
                "header length 200000000 exceeds the limit of 100000000 bytes");
        assertRejected(SafetensorsBytes.raw(dir, -1L, new byte[16]), "header length 18446744073709551615 exceeds");
    }

    @Test
    void headerNotUtf8() {
        byte[] header = {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'};
        assertRejected(SafetensorsBytes.raw(dir, header.length, header), "header is not valid UTF-8");
    }

    @Test
    void truncatedAfterOpeningIsCaughtOnRead() {
        Path file = SafetensorsBytes.write(dir, "{" + A16 + "}", 12);
        assertRejected(file, "data_offsets end 16 lies beyond the data buffer of 12 bytes");
    }

    static Stream<Arguments> malformedHeaders() {
        return Stream.of(
                Arguments.of("", 0, "header is not a JSON object (it starts with nothing)"),
                Arguments.of("{\"a\": {\"dtype\": ", 0, "header is not valid JSON"),
                Arguments.of("not json", 0, "header is not valid JSON"),
                Arguments.of("[1, 2]", 0, "header is not a JSON object (it starts with '[')"),
                Arguments.of("{} {}", 0, "content after its JSON object"),
                Arguments.of("{\"a\": 5}", 0, "tensor 'a': expected an object with dtype, shape and data_offsets"),
                Arguments.of("{\"a\":{\"dtype\":\"F128\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                        "tensor 'a': unknown dtype 'F128' (known: BOOL"),
                Arguments.of("{\"a\":{\"dtype\":\"f32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                        "unknown dtype 'f32'"),
                Arguments.of("{\"a\":{\"shape\":[1],\"data_offsets\":[0,4]}}", 4,
                        "tensor 'a': dtype must be a string such as \"F32\", got nothing"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1,4],\"data_offsets\":[0,16]}}", 16,
                        "tensor 'a': shape must be an array of non-negative integers, got [-1,4]"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4,
                        "shape must be an array of non-negative integers, got [1.5]"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":\"4\",\"data_offsets\":[0,16]}}", 16,
                        "shape must be an array of non-negative integers, got \"4\""),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],\"data_offsets\":[0,4]}}",
                        4, "shape must be an array of non-negative integers"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}",
                        4, "shape [4294967296, 4294967296] overflows"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,4]}}",
                        4, "shape [4611686018427387904] overflows"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4,
                        "data_offsets must be two non-negative integers [begin, end], got [0]"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 8,
                        "data_offsets must be two non-negative integers [begin, end], got [0,4,8]"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\"0\",\"4\"]}}", 4,
                        "data_offsets must be two non-negative integers"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", 4,
                        "data_offsets must be two non-negative integers"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4, "data_offsets must be two"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}", 4,
                        "data_offsets [4, 0] begin after they end"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8,
                        "data_offsets end 16 lies beyond the data buffer of 8 bytes"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,12]}}", 12,
                        "tensor 'a': F32 [2, 2] needs 16 bytes but data_offsets [0, 12] span 12"),
                Arguments.of("{\"a\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16,
                        "BF16 [4] needs 8 bytes"),
                Arguments.of("{" + A16 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 24,
                        "tensors 'a' [0, 16) and 'b' [8, 24) overlap"),
                Arguments.of("{" + A16 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 16,
                        "overlap"),
                Arguments.of("{" + A16 + ",\"z\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,8]}}", 16,
                        "overlap"),
                Arguments.of("{" + A16 + ",\"b\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[20,36]}}", 36,
                        "bytes [16, 20) of the data buffer belong to no tensor (a hole before 'b')"),
                Arguments.of("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[4,20]}}", 20,
                        "bytes [0, 4) of the data buffer belong to no tensor"),
                Arguments.of("{" + A16 + "}", 20, "4 trailing bytes [16, 20) of the data buffer belong to no tensor"),
                Arguments.of("{}", 3, "3 trailing bytes"),
                Arguments.of("{" + A16 + "," + A16 + "}", 16, "duplicate tensor name 'a'"),
                Arguments.of("{\"__metadata__\":{\"format\":\"pt\"},\"__metadata__\":{}}", 0,
                        "duplicate tensor name '__metadata__'"),
                Arguments.of("{\"__metadata__\":{\"epoch\":1}}", 0,
                        "__metadata__ values must be strings, got \"epoch\": 1"),
                Arguments.of("{\"__metadata__\":[\"pt\"]}", 0, "__metadata__ must be an object of strings"));
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @MethodSource("malformedHeaders")
    void malformedHeaderIsRejected(String header, int dataBytes, String fragment) {
        assertRejected(SafetensorsBytes.write(dir, header, dataBytes), fragment);
    }

    @Test
    void validLayoutsAtTheEdgesAreAccepted() {
        String z = "\"z\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[16,16]}";
        String meta = "\"__metadata__\":{\"format\":\"pt\"}";
        Path file = SafetensorsBytes.write(dir, "{" + z + "," + A16 + "," + meta + "}   ", 16);
        SafetensorsFile read = Safetensors.read(file);
        assertEquals(2, read.tensors().size());
        assertEquals(0, read.tensors().get("z").size());
        assertEquals("pt", read.metadata().get("format"));
        assertEquals(0, Safetensors.read(SafetensorsBytes.write(dir, "{}", 0)).tensors().size());
    }

    @Test
    void integerTensorsAreValidatedButNotReadAsFloats() {
        Path file = SafetensorsBytes.write(dir,
                "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16);
        assertEquals(DType.I64, Safetensors.readHeader(file).tensors().get(0).dtype());
        BadInputException e = assertThrows(BadInputException.class, () -> Safetensors.read(file));
        assertTrue(e.getMessage().contains("tensor 'ids' has dtype I64; only F32, F16, BF16 and F64"), e.getMessage());
    }

    @Test
    void missingFileAndDirectoryAreNamed() {
        BadInputException missing = assertThrows(BadInputException.class,
                () -> Safetensors.read(dir.resolve("absent.safetensors")));
        assertEquals(dir.resolve("absent.safetensors") + ": no such file", missing.getMessage());
        BadInputException directory = assertThrows(BadInputException.class, () -> Safetensors.read(dir));
        assertTrue(directory.getMessage().contains("expected a .safetensors file, got a directory"));
    }
}
