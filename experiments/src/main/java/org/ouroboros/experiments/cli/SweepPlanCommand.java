package org.ouroboros.experiments.cli;

import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.sweep.Sweep;
import org.ouroboros.experiments.sweep.SweepPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro sweep plan}: writes and shows the task list of a config. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Write the sweep's task list to RUN_DIR/sweep/plan.json and show it.")
public final class SweepPlanCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SweepTarget target;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    public Integer call() {
        SweepPlan plan = Sweep.plan(target.config, target.out);
        if (json) {
            Json.print(spec.commandLine().getOut(), plan);
        } else {
            plan.print(spec.commandLine().getOut());
        }
        return ExitCode.OK;
    }
}
