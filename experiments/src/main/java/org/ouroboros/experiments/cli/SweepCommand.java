package org.ouroboros.experiments.cli;

import org.ouroboros.cli.ParentCommand;
import picocli.CommandLine.Command;

/** {@code ouro sweep}: a study's chains as separate tasks (local processes or a Slurm job array). */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a config's chains as separate tasks: local processes or Slurm job arrays, one shared run "
                + "directory, merged into the files a single `ouro run` writes.",
        subcommands = {SweepPlanCommand.class, SweepSubmitCommand.class, SweepStatusCommand.class,
                SweepResumeCommand.class, SweepMergeCommand.class})
public final class SweepCommand extends ParentCommand {
}
