package org.ouroboros.experiments.cli;

import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ouro metrics}: collapse metrics of a file of samples; the work is in the subcommands. */
@Command(name = "metrics",
        description = "Collapse metrics of a samples file (one sample per line, whitespace tokens).",
        mixinStandardHelpOptions = true,
        subcommands = {SelfBleuCommand.class, DiversityCommand.class})
public final class MetricsCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
