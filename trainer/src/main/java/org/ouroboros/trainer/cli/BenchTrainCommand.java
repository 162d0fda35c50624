package org.ouroboros.trainer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.trainer.bench.OpsProfile;
import org.ouroboros.trainer.engine.Engine;
import org.ouroboros.trainer.bench.TrainBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro bench train}: tokens/s of full training steps, GFLOP/s, and the fraction of sgemm peak. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Time full training steps (forward, backward, AdamW) on random tokens.")
public final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ShapeOptions shape;

    @Mixin
    EngineOption engine = new EngineOption();

    @Option(names = {"--repeats", "--steps"}, defaultValue = "10",
            description = "Timed steps, as bench sample's and bench ops' --repeats (default: ${DEFAULT-VALUE}); "
                    + "--steps is the old name, kept as an alias.")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up steps (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Option(names = "--profile-ops", description = "Instead of timing, count the engine's native ops and "
            + "host<->device copies per step (ND4J: with the host paths off, as CUDA runs).")
    boolean profileOps;

    @Override
    public Integer call() {
        if (steps < 1 || warmup < 0) {
            throw new BadInputException("--repeats must be >= 1 and --warmup >= 0, got " + steps + " and " + warmup);
        }
        Engine opened = engine.open(spec.commandLine().getErr()).engine();
        if (profileOps) {
            return printProfile(OpsProfile.train(opened, shape.shape()));
        }
        TrainBench.Result r = TrainBench.run(opened, shape.shape(), warmup, steps);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, r);
        } else {
            out.printf(Locale.ROOT, "training step, %d x %d tokens, %,d parameters%n", r.shape().batchSize(),
                    r.shape().blockSize(), r.parameters());
            out.printf(Locale.ROOT, "  %.0f tokens/s (median step %.3f s over %d steps)%n", r.tokensPerSecond(),
                    r.stepSecondsMedian(), r.steps());
            out.printf(Locale.ROOT, "  %.1f GFLOP/s = %.0f%% of measured sgemm peak %.1f GFLOP/s%n", r.gflops(),
                    100 * r.peakFraction(), r.sgemmPeakGflops());
            out.printf(Locale.ROOT, "  resident memory %.0f MB after warm-up, %.0f MB at the end, %+.0f MB over the "
                    + "last 90%% of the steps, peak %.0f MB%n", r.rssMbAfterWarmup(), r.rssMbEnd(), r.rssMbGrowth(),
                    r.peakRssMb());
            out.flush();
        }
        return ExitCode.OK;
    }

    private int printProfile(OpsProfile p) {
        p.print(spec.commandLine().getOut(), json);
        return ExitCode.OK;
    }
}
