package org.ouroboros.trainer.cli;

import org.ouroboros.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code ouro bench}: speed and memory measurements, printed as JSON for scripts to compare. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and sampling speed (JSON with --json).",
        subcommands = {BenchTrainCommand.class, BenchSampleCommand.class, BenchOpsCommand.class})
public final class BenchCommand extends ParentCommand {
}
