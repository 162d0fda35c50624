package org.ouroboros.experiments.cli;

import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code ouro toy}: collapse in closed-form toy models, in seconds; the work is in the subcommands. */
@Command(name = "toy",
        description = "Model collapse in toy models: a refitted Gaussian and a refitted Gaussian mixture.",
        mixinStandardHelpOptions = true,
        subcommands = {GaussianCommand.class, GmmCommand.class})
public final class ToyCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
