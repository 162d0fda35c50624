package org.ouroboros.data.cli;

import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ouro data}: obtain corpora and look at them. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Fetch corpora and print their statistics.",
        subcommands = {DataFetchCommand.class, DataStatsCommand.class})
public final class DataCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
