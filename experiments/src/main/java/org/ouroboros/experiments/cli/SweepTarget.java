package org.ouroboros.experiments.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that name a sweep: its config and its shared run directory (a picocli mixin). */
public final class SweepTarget {
    @Option(names = "--config", required = true, paramLabel = "FILE.yaml", description = "Experiment config.")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "The shared run directory.")
    Path out;
}
