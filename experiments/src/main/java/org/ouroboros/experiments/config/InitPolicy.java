package org.ouroboros.experiments.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.ouroboros.cli.BadInputException;

/** Where each generation's model starts. */
public enum InitPolicy {
    /** A fixed pretrained checkpoint every generation (Shumailov et al.: OPT-125M). */
    BASE,
    /** Continue from the previous generation's model (generation 0 from the base if given, else scratch). */
    PREVIOUS,
    /** Fresh initialisation from the seed every generation (Gerstgrasser et al.). */
    SCRATCH;

    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static InitPolicy parse(String s) {
        for (InitPolicy p : values()) {
            if (p.key().equals(s.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new BadInputException("config key 'model.init': expected base, previous or scratch, got '" + s + "'");
    }
}
