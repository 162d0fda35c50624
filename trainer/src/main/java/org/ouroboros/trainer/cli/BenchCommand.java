package org.ouroboros.trainer.cli;

import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ouro bench}: speed and memory measurements, printed as JSON for scripts to compare. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and sampling speed (JSON with --json).",
        subcommands = {BenchTrainCommand.class, BenchSampleCommand.class, BenchOpsCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
