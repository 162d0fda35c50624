package org.ouroboros.data.cli;

import org.ouroboros.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code ouro data}: obtain corpora and look at them. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Fetch corpora and print their statistics.",
        subcommands = {DataFetchCommand.class, DataStatsCommand.class})
public final class DataCommand extends ParentCommand {
}
