package org.ouroboros.experiments.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a YAML value of the wrong shape into one line in the config's own terms, e.g.
 * {@code generation must be a mapping of prompted, sequences, ..., got 1} or
 * {@code seeds must be a list of integers, got 'x'}, instead of Jackson's Java type names. The expected
 * shape is read off the config records (so new keys need nothing here), the found value off the YAML.
 */
final class ConfigTypeErrors {
    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private ConfigTypeErrors() {
    }

    /** "KEY must be EXPECTED, got FOUND", or null when the path does not lead to a config key. */
    static String describe(JsonMappingException e, ObjectMapper yaml, String text, Class<?> root) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return null;
        }
        Type type = root;
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                type = component(type, r.getFieldName());
                key.append(key.length() > 0 ? "." : "").append(r.getFieldName());
            } else {
                type = element(type);
                key.append('[').append(r.getIndex()).append(']');
            }
            if (type == null) {
                return null;
            }
        }
        return key + " must be " + expected(type) + ", got " + found(yaml, text, path);
    }

    /** The declared type of the record component named {@code snakeName} in YAML. */
    private static Type component(Type owner, String snakeName) {
        if (owner instanceof Class<?> c && c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (SNAKE.translate(rc.getName()).equals(snakeName)) {
                    return rc.getGenericType();
                }
            }
        }
        return null;
    }

    private static Type element(Type list) {
        return list instanceof ParameterizedType p && p.getRawType() == List.class ? p.getActualTypeArguments()[0] : null;
    }

    /** The expected shape in words: "an integer", "a list of integers", "a mapping of a, b, c", ... */
    static String expected(Type type) {
        if (element(type) != null) {
            return "a list of " + plural(expected(element(type)));
        }
        Class<?> c = type instanceof Class<?> k ? k : Object.class;
        if (c.isRecord()) {
            return "a mapping of " + Arrays.stream(c.getRecordComponents()).map(rc -> SNAKE.translate(rc.getName()))
                    .collect(Collectors.joining(", "));
        }
        if (c.isEnum()) {
            return "one of " + Arrays.stream(c.getEnumConstants()).map(v -> v.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (c == Long.class || c == Integer.class || c == long.class || c == int.class) {
            return "an integer";
        }
        if (c == Double.class || c == Float.class || c == double.class || c == float.class) {
            return "a number";
        }
        if (c == Boolean.class || c == boolean.class) {
            return "true or false";
        }
        return c == String.class ? "a string" : "a value of type " + c.getSimpleName();
    }

    private static String plural(String shape) {
        if (shape.startsWith("an integer")) {
            return "integers";
        }
        if (shape.startsWith("a number")) {
            return "numbers";
        }
        if (shape.startsWith("a string")) {
            return "strings";
        }
        if (shape.startsWith("a mapping of ")) {
            return "mappings of " + shape.substring("a mapping of ".length());
        }
        return "values, each " + shape;
    }

    /** What the YAML holds at {@code path}: a scalar as written ('x' quoted, 1 bare), or its kind. */
    private static String found(ObjectMapper yaml, String text, List<JsonMappingException.Reference> path) {
        JsonNode node;
        try {
            node = yaml.readTree(text);
        } catch (Exception e) {
            return "something else";
        }
        for (JsonMappingException.Reference r : path) {
            node = r.getFieldName() != null ? node.path(r.getFieldName()) : node.path(r.getIndex());
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list " + node;
        }
        if (node.isTextual()) {
            return "'" + node.asText() + "'";
        }
        return node.isMissingNode() ? "nothing" : node.toString();
    }
}
