package org.ouroboros.experiments.run;

import java.util.Locale;
import org.ouroboros.cli.BadInputException;

/**
 * The unit of work of a sweep: one (regime, seed) sequence of generations 1..N, or the shared generation
 * 0 of a seed (regime {@code null}), which every chain of that seed needs first. Written on the command
 * line as {@code regime=R,seed=S} or {@code gen0,seed=S} ({@code ouro run --only}).
 *
 * @param seed   the replicate seed
 * @param regime the regime label, or null for generation 0
 */
public record Chain(long seed, String regime) {
    /** A seed's generation 0. */
    public static Chain gen0(long seed) {
        return new Chain(seed, null);
    }

    public boolean isGen0() {
        return regime == null;
    }

    /** {@code seed-S/gen-0} or {@code seed-S/REGIME}: the chain's place in the run directory. */
    public String name() {
        return "seed-" + seed + "/" + (isGen0() ? "gen-0" : regime);
    }

    /** The {@code --only} form. */
    public String only() {
        return (isGen0() ? "gen0" : "regime=" + regime) + ",seed=" + seed;
    }

    @Override
    public String toString() {
        return name();
    }

    /** Parses the {@code --only} form; {@code what} names the option in errors. */
    public static Chain parse(String text, String what) {
        String regime = null;
        Long seed = null;
        boolean gen0 = false;
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int eq = p.indexOf('=');
            String key = (eq < 0 ? p : p.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : p.substring(eq + 1).strip();
            if (key.equals("gen0") && value == null) {
                gen0 = true;
            } else if (key.equals("regime") && value != null && !value.isEmpty()) {
                regime = value;
            } else if (key.equals("seed") && value != null) {
                try {
                    seed = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw bad(what, text, "seed '" + value + "' is not an integer");
                }
            } else {
                throw bad(what, text, "unexpected '" + p + "'");
            }
        }
        if (seed == null) {
            throw bad(what, text, "no seed=S");
        }
        if (gen0 == (regime != null)) {
            throw bad(what, text, "give exactly one of regime=R and gen0");
        }
        return new Chain(seed, regime);
    }

    private static BadInputException bad(String what, String text, String why) {
        return new BadInputException(what + ": expected regime=R,seed=S or gen0,seed=S, got '" + text + "' (" + why
                + ")");
    }
}
