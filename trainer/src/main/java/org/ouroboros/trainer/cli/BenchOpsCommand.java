package org.ouroboros.trainer.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.trainer.engine.nd4j.OpsBench;
import org.ouroboros.trainer.engine.nd4j.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro bench ops}: the ND4J primitives behind each speed-up, old way against new, side by side. */
@Command(name = "ops", mixinStandardHelpOptions = true,
        description = "Time the ND4J primitives behind each speed-up (docs/performance.md), before vs after.")
public final class BenchOpsCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--repeats", defaultValue = "30", description = "Timed calls per variant (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    public Integer call() {
        Backend.require();
        List<OpsBench.Case> cases = OpsBench.run(Math.max(1, repeats));
        if (!OpsBench.hostPathsAvailable()) {
            spec.commandLine().getErr().println("bench ops: this ND4J backend has no host memory for the host BLAS "
                    + "and vector kernels, so only the rows comparing ND4J ops with ND4J ops ran");
            spec.commandLine().getErr().flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, cases);
            return ExitCode.OK;
        }
        for (OpsBench.Case c : cases) {
            out.printf(Locale.ROOT, "%-18s %-24s %9.0f us -> %7.0f us  (%.1fx)  %s -> %s%n", c.name(), c.shape(),
                    c.beforeMicros(), c.afterMicros(), c.speedup(), c.before(), c.after());
        }
        out.flush();
        return ExitCode.OK;
    }
}
