package org.ouroboros.experiments.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.ouroboros.cli.BadInputException;

/** Reads and writes experiment configs as YAML with snake_case keys; unknown keys are errors. */
public final class ExperimentConfigs {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)      // epochs: 1.5 is an error, not 1
            .build();

    private ExperimentConfigs() {
    }

    /** Loads {@code file}; any problem is a BadInputException naming the file and the key. */
    public static ExperimentConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("config file not found: " + file);
        } catch (IOException e) {
            throw new BadInputException("cannot read config " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** Parses YAML text; {@code source} names it in errors. */
    public static ExperimentConfig parse(String text, String source) {
        if (text.isBlank()) {
            return YAML.convertValue(java.util.Map.of(), ExperimentConfig.class);
        }
        try {
            ExperimentConfig c = YAML.readValue(text, ExperimentConfig.class);
            return c != null ? c : parse("", source);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new BadInputException(source + ": unknown key '" + path(e) + "'"
                    + lineOf(text, String.valueOf(e.getPropertyName())) + " (known here: " + known + ")");
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadInputException bad) {
                throw new BadInputException(source + ": " + bad.getMessage());
            }
            String typed = e instanceof MismatchedInputException
                    ? ConfigTypeErrors.describe(e, YAML, text, ExperimentConfig.class) : null;
            if (typed != null) {
                throw new BadInputException(source + ": " + typed
                        + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
            }
            String syntax = YamlSyntaxErrors.describe(e);
            if (syntax != null) {
                throw new BadInputException(source + ": " + syntax);
            }
            throw new BadInputException(source + ": bad value for '" + path(e) + "'"
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : "") + ": "
                    + e.getOriginalMessage().split("\n")[0]);
        } catch (JsonProcessingException e) {
            String syntax = YamlSyntaxErrors.describe(e);
            if (syntax != null) {
                throw new BadInputException(source + ": " + syntax);
            }
            throw new BadInputException(source + ": not valid YAML at line "
                    + (e.getLocation() != null ? e.getLocation().getLineNr() : "?") + ": "
                    + e.getOriginalMessage().split("\n")[0]);
        }
    }

    /** The resolved config (every default filled in) as YAML. */
    public static String toYaml(ExperimentConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 (hex) of the resolved YAML: equal for configs that mean the same run. */
    public static String hash(ExperimentConfig config) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(toYaml(config).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** " at line N" for the first line that starts (after indentation) with {@code key:}, else "". */
    private static String lineOf(String text, String key) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith("- ")) {
                t = t.substring(2).strip();
            }
            if (t.startsWith(key + ":")) {
                return " at line " + (i + 1);
            }
        }
        return "";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
