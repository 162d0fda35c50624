package org.ouroboros.experiments.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.ouroboros.cli.BadInputException;

/**
 * A regime's own training settings: any {@code training.*} key (e.g. {@code epochs}) laid over the run's
 * {@code training} section, so one run holds the paper's setting (a), 5 epochs, and setting (b), 10 epochs.
 * The merge goes through {@link TrainingConfig}'s own constructor, so overrides are validated exactly like
 * the section they override, and a key added to {@link TrainingConfig} can be overridden without changes
 * here. {@code block_size} is shared by every regime (the real blocks are cut once) and cannot be overridden.
 */
public final class TrainingOverrides {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private TrainingOverrides() {
    }

    /**
     * {@code base} with {@code overrides} laid over it; {@code where} (e.g. {@code regimes[b].training})
     * prefixes the key in errors.
     */
    @SuppressWarnings("unchecked")
    public static TrainingConfig apply(TrainingConfig base, Map<String, Object> overrides, String where) {
        if (overrides == null || overrides.isEmpty()) {
            return base;
        }
        if (overrides.containsKey("block_size")) {
            throw new BadInputException("config key '" + where + ".block_size': every regime shares the run's "
                    + "training.block_size; it cannot be set per regime");
        }
        Map<String, Object> merged = new LinkedHashMap<>(MAPPER.convertValue(base, Map.class));
        merged.putAll(overrides);
        try {
            return MAPPER.convertValue(merged, TrainingConfig.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnrecognizedPropertyException u) {
                throw new BadInputException("config key '" + where + "." + u.getPropertyName() + "': unknown "
                        + "training key (known: " + String.join(", ", new TreeSet<>(MAPPER.convertValue(base,
                        Map.class).keySet())) + ")");
            }
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof BadInputException bad) {
                    throw new BadInputException(bad.getMessage().replace("config key 'training.",
                            "config key '" + where + "."));
                }
            }
            String msg = cause != null ? cause.getMessage() : e.getMessage();
            throw new BadInputException("config key '" + where + "': bad value: " + msg.split("\n")[0]);
        }
    }
}
