package org.ouroboros.experiments.cli;

import org.ouroboros.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code ouro toy}: collapse in toy models (closed-form refits in seconds, a small VAE in minutes); the work is in the subcommands. */
@Command(name = "toy",
        description = "Model collapse in toy models: a refitted Gaussian, a refitted Gaussian mixture, and a VAE "
                + "retrained on its own Fashion-MNIST samples.",
        mixinStandardHelpOptions = true,
        subcommands = {GaussianCommand.class, GmmCommand.class, VaeCommand.class})
public final class ToyCommand extends ParentCommand {
}
