package org.ouroboros.data.corpus;

import java.util.Locale;

/** The three parts of a corpus. */
public enum Split {
    TRAIN, VALID, TEST;

    /** {@code train}, {@code valid} or {@code test}: file names and CLI values. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
