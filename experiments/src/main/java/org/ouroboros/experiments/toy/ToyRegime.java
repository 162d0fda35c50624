package org.ouroboros.experiments.toy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What each toy generation is fitted on. */
public enum ToyRegime {
    /** Only the samples drawn from the previous fit (Shumailov et al.): variance and tails collapse. */
    REPLACE,
    /** Every sample drawn so far, generation 0's real samples included (Gerstgrasser et al.): bounded. */
    ACCUMULATE;

    /** The lower-case name used on the command line and in file names. */
    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
