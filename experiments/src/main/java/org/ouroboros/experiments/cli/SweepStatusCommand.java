package org.ouroboros.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.sweep.Sweep;
import org.ouroboros.experiments.sweep.SweepStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ouro sweep status}: per chain pending/running/done/failed, generations finished, last log line. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each chain of a sweep: pending, running, done or failed; generations finished; the last "
                + "line of its log (from the run directory, and squeue for Slurm).")
public final class SweepStatusCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The sweep's run directory.")
    Path runDir;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() {
        SweepStatus s = Sweep.status(runDir);
        if (json) {
            Json.print(spec.commandLine().getOut(), s);
        } else {
            s.print(spec.commandLine().getOut());
        }
        return ExitCode.OK;
    }
}
