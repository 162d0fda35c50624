package org.ouroboros.experiments.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.ouroboros.cli.BadInputException;

/** Reads the {@code sweep:} section of an experiment config's YAML text; unknown keys are errors. */
public final class SweepConfigs {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private SweepConfigs() {
    }

    /** The {@code sweep:} section of {@code text} (from {@code source}), empty when there is none. */
    public static SweepConfig parse(String text, String source) {
        JsonNode node;
        try {
            JsonNode root = YAML.readTree(text);
            node = root == null ? null : root.get("sweep");
        } catch (IOException e) {
            throw new BadInputException(source + ": not valid YAML (" + e.getMessage().split("\n")[0] + ")");
        }
        if (node == null || node.isNull()) {
            return SweepConfig.empty();
        }
        try {
            return YAML.treeToValue(node, SweepConfig.class);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof BadInputException bad) {
                throw new BadInputException(source + ": " + bad.getMessage());
            }
            throw new BadInputException(source + ": bad 'sweep' section: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw new BadInputException(source + ": bad 'sweep' section: " + e.getMessage().split("\n")[0]);
        }
    }
}
