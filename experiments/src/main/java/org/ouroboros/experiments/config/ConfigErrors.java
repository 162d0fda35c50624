package org.ouroboros.experiments.config;

import org.ouroboros.cli.BadInputException;

/** Validation helpers that name the offending config key. */
final class ConfigErrors {
    private ConfigErrors() {
    }

    static void require(boolean ok, String key, String message) {
        if (!ok) {
            throw new BadInputException("config key '" + key + "': " + message);
        }
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
