package org.ouroboros.experiments.cli;

import java.nio.file.Path;
import org.ouroboros.experiments.toy.ToyRegime;
import picocli.CommandLine.Option;

/** Options every toy experiment takes (a picocli mixin). */
public final class ToyOptions {
    @Option(names = "--samples", required = true, paramLabel = "N", description = "Samples drawn per generation.")
    int samples;

    @Option(names = "--generations", required = true, paramLabel = "G",
            description = "Refits after generation 0; generations 0..G are reported.")
    int generations;

    @Option(names = "--trials", required = true, paramLabel = "R", description = "Independent trials.")
    int trials;

    @Option(names = "--regime", required = true, paramLabel = "REGIME",
            description = "replace (fit the latest samples only) or accumulate (fit every sample so far).")
    ToyRegime regime;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Also write CSV, PNG plots and an HTML page into DIR (default: print only).")
    Path out;

    @Option(names = "--json", description = "Print the per-generation results as one JSON object.")
    boolean json;
}
