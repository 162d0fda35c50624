package org.ouroboros.experiments.cli;

import org.ouroboros.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code ouro toy}: collapse in closed-form toy models, in seconds; the work is in the subcommands. */
@Command(name = "toy",
        description = "Model collapse in toy models: a refitted Gaussian and a refitted Gaussian mixture.",
        mixinStandardHelpOptions = true,
        subcommands = {GaussianCommand.class, GmmCommand.class})
public final class ToyCommand extends ParentCommand {
}
