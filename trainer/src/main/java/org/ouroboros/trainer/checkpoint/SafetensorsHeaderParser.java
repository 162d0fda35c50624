package org.ouroboros.trainer.checkpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;

/**
 * Parses and checks a safetensors JSON header as hostile input. Beyond well-formed JSON it demands what
 * HuggingFace's reference reader demands: known dtypes, non-negative shapes whose byte size matches the
 * data offsets, no duplicate names, and tensors that tile the data buffer with no overlap, hole or
 * trailing byte. Every failure is a {@link BadInputException} naming the file and the problem.
 */
final class SafetensorsHeaderParser {
    static final String METADATA_KEY = "__metadata__";

    private final Path file;
    private final long dataStart;
    private final long dataLength;

    private SafetensorsHeaderParser(Path file, long dataStart, long dataLength) {
        this.file = file;
        this.dataStart = dataStart;
        this.dataLength = dataLength;
    }

    /**
     * Parses {@code json}, the header bytes of {@code file}, whose data buffer starts at file offset
     * {@code dataStart} and has {@code dataLength} bytes.
     */
    static SafetensorsHeader parse(Path file, byte[] json, long dataStart, long dataLength) {
        return new SafetensorsHeaderParser(file, dataStart, dataLength).parse(json);
    }

    private SafetensorsHeader parse(byte[] json) {
        String text = decodeUtf8(json);
        List<TensorEntry> entries = new ArrayList<>();
        Map<String, String> metadata = Map.of();
        try (JsonParser p = Json.MAPPER.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("header is not a JSON object (it starts with " + describe(p.currentToken()) + ")");
            }
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                JsonNode value = p.readValueAsTree();
                if (!seen.add(name)) {
                    throw bad("duplicate tensor name '" + name + "' in the header");
                }
                if (name.equals(METADATA_KEY)) {
                    metadata = parseMetadata(value);
                } else {
                    entries.add(parseEntry(name, value));
                }
            }
            if (p.nextToken() != null) {
                throw bad("header has content after its JSON object");
            }
        } catch (JsonProcessingException e) {
            throw bad("header is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw bad("header could not be read: " + e.getMessage());
        }
        checkTiling(entries);
        return new SafetensorsHeader(entries, metadata, dataStart, dataLength);
    }

    private String decodeUtf8(byte[] json) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw bad("header is not valid UTF-8");
        }
    }

    private Map<String, String> parseMetadata(JsonNode node) {
        if (node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw bad(METADATA_KEY + " must be an object of strings, got " + snippet(node));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getValue().isTextual()) {
                throw bad(METADATA_KEY + " values must be strings, got \"" + e.getKey() + "\": "
                        + snippet(e.getValue()));
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return map;
    }

    private TensorEntry parseEntry(String name, JsonNode node) {
        String where = "tensor '" + name + "': ";
        if (!node.isObject()) {
            throw bad(where + "expected an object with dtype, shape and data_offsets, got " + snippet(node));
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw bad(where + "dtype must be a string such as \"F32\", got " + snippet(dtypeNode));
        }
        DType dtype = DType.fromCode(dtypeNode.textValue()).orElseThrow(() -> bad(where + "unknown dtype '"
                + dtypeNode.textValue() + "' (known: " + Arrays.stream(DType.values()).map(Enum::name)
                .collect(Collectors.joining(", ")) + ")"));
        long[] shape = longs(node.get("shape"), -1, where + "shape must be an array of non-negative integers");
        long[] offsets = longs(node.get("data_offsets"), 2,
                where + "data_offsets must be two non-negative integers [begin, end]");
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw bad(where + "data_offsets [" + begin + ", " + end + "] begin after they end");
        }
        if (end > dataLength) {
            throw bad(where + "data_offsets end " + end + " lies beyond the data buffer of " + dataLength
                    + " bytes (is the file truncated?)");
        }
        long needed = byteSize(where, shape, dtype);
        if (needed != end - begin) {
            throw bad(where + dtype + " " + Tensor.format(shape) + " needs " + needed + " bytes but data_offsets ["
                    + begin + ", " + end + "] span " + (end - begin));
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private long byteSize(String where, long[] shape, DType dtype) {
        try {
            return Math.multiplyExact(Tensor.elementCount(shape), dtype.bytes());
        } catch (ArithmeticException e) {
            throw bad(where + "shape " + Tensor.format(shape) + " overflows: its byte size does not fit in 64 bits");
        }
    }

    /** An array of non-negative integral longs, of length {@code length} unless it is negative. */
    private long[] longs(JsonNode node, int length, String expectation) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw bad(expectation + ", got " + snippet(node));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw bad(expectation + ", got " + snippet(node));
            }
            values[i] = v.longValue();
        }
        return values;
    }

    /** The entries, sorted by offset, must cover [0, dataLength) exactly once. */
    private void checkTiling(List<TensorEntry> entries) {
        List<TensorEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        long position = 0;
        TensorEntry previous = null;
        for (TensorEntry t : sorted) {
            if (t.begin() < position) {
                throw bad("tensors '" + previous.name() + "' [" + previous.begin() + ", " + previous.end()
                        + ") and '" + t.name() + "' [" + t.begin() + ", " + t.end() + ") overlap in the data buffer");
            }
            if (t.begin() > position) {
                throw bad("bytes [" + position + ", " + t.begin() + ") of the data buffer belong to no tensor"
                        + " (a hole before '" + t.name() + "')");
            }
            position = t.end();
            previous = t;
        }
        if (position < dataLength) {
            throw bad((dataLength - position) + " trailing bytes [" + position + ", " + dataLength
                    + ") of the data buffer belong to no tensor");
        }
    }

    private static String describe(JsonToken token) {
        return token == null ? "nothing" : token.asString() != null ? "'" + token.asString() + "'" : token.name();
    }

    private static String snippet(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String s = node.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private BadInputException bad(String problem) {
        return new BadInputException(file + ": not a valid safetensors file: " + problem);
    }
}
