package org.ouroboros.data.corpus;

import java.nio.file.Path;

/** Where corpora and token caches live: --data-dir, else $OUROBOROS_DATA, else ~/.cache/ouroboros. */
public final class DataDir {
    /** The environment variable that moves the default data directory. */
    public static final String ENV = "OUROBOROS_DATA";

    private DataDir() {
    }

    public static Path resolve(Path option) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "ouroboros");
    }
}
