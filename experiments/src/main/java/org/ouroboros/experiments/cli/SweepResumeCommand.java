package org.ouroboros.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ouroboros.experiments.sweep.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ouro sweep resume}: submits again, the same way, only the chains that are unfinished. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Submit again, with the engine and options of the submission, every chain that is unfinished "
                + "and neither running nor queued (each restarts at its first unfinished generation).")
public final class SweepResumeCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The sweep's run directory.")
    Path runDir;

    @Option(names = "--json", description = "Print what was submitted as JSON.")
    boolean json;

    @Override
    public Integer call() {
        return SweepSubmitCommand.print(spec.commandLine().getOut(), Sweep.resume(runDir, System.err), json, false);
    }
}
