package org.ouroboros.experiments.cli;

import org.ouroboros.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code ouro metrics}: collapse metrics of a file of samples; the work is in the subcommands. */
@Command(name = "metrics",
        description = "Collapse metrics of a samples file (one sample per line, whitespace tokens).",
        mixinStandardHelpOptions = true,
        subcommands = {SelfBleuCommand.class, DiversityCommand.class, CollapseCommand.class})
public final class MetricsCommand extends ParentCommand {
}
