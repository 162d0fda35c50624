package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.toy.GaussianCollapse;
import org.ouroboros.experiments.toy.GaussianConfig;
import org.ouroboros.experiments.toy.GaussianGeneration;
import org.ouroboros.experiments.toy.GaussianOutputs;
import org.ouroboros.experiments.toy.GaussianResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code ouro toy gaussian}: variance collapse of a Gaussian refitted to its own samples. */
@Command(name = "gaussian", mixinStandardHelpOptions = true,
        description = "Refit N(mean, var) to N samples of the previous fit, G times, R trials; "
                + "report the mean fitted variance against ((N-1)/N)^(n+1).")
public final class GaussianCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ToyOptions options;

    /**
     * A finished Gaussian experiment.
     *
     * @param result  per-generation numbers
     * @param files   files written under --out (empty without it)
     * @param seconds time the simulation took
     */
    public record Outcome(GaussianResult result, List<Path> files, double seconds) {
    }

    /** Runs {@code config}; writes files into {@code out} unless it is null. */
    public static Outcome run(GaussianConfig config, Path out) {
        long start = System.nanoTime();
        GaussianResult result = GaussianCollapse.run(config);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Path> files = out == null ? List.of() : GaussianOutputs.write(result, out);
        return new Outcome(result, files, seconds);
    }

    @Override
    public Integer call() {
        GaussianConfig config = new GaussianConfig(options.samples, options.generations, options.trials,
                options.regime, options.seed);
        Outcome outcome = run(config, options.out);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            Json.print(out, outcome.result());
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "Gaussian refit, %s: N = %d, generations 0..%d, %d trials, seed %d (%.2f s)%n",
                config.regime(), config.samples(), config.generations(), config.trials(), config.seed(),
                outcome.seconds());
        out.println("theory: E[fitted variance at n] = ((N-1)/N)^(n+1) (fit n is the (n+1)-th MLE fit; "
                + "replace, and generation 0 of accumulate)");
        out.printf(Locale.ROOT, "%6s %14s %12s %14s %10s%n", "n", "mean_variance", "stderr", "theory", "w2");
        for (int g : ToyTables.shown(config.generations())) {
            GaussianGeneration gen = outcome.result().generations().get(g);
            out.printf(Locale.ROOT, "%6d %14.6g %12.4g %14s %10.4g%n", gen.n(), gen.meanVariance(), gen.stderr(),
                    gen.theory() == null ? "-" : String.format(Locale.ROOT, "%.6g", gen.theory()), gen.w2());
        }
        ToyTables.printFooter(out, config.generations(), outcome.files());
        return ExitCode.OK;
    }
}
