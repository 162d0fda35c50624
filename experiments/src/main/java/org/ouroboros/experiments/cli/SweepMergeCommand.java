package org.ouroboros.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.experiments.run.RunMerge;
import org.ouroboros.experiments.sweep.Sweep;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ouro sweep merge}: the run's tables and report from its chains (also done by the last task). */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Write the run's metrics.csv, category_perplexity.csv, sequence_perplexity.csv, timings.csv "
                + "and report from its chains (the last task to finish does this itself).")
public final class SweepMergeCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The sweep's run directory.")
    Path runDir;

    @Override
    public Integer call() {
        RunMerge.Result r = Sweep.merge(runDir);
        spec.commandLine().getOut().printf("merged %d rows; report: %s%n", r.rows(), r.report());
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
