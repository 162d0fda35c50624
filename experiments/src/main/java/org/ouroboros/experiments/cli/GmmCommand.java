package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.experiments.toy.GmmCollapse;
import org.ouroboros.experiments.toy.GmmConfig;
import org.ouroboros.experiments.toy.GmmGeneration;
import org.ouroboros.experiments.toy.GmmOutputs;
import org.ouroboros.experiments.toy.GmmResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro toy gmm}: loss of a minority mode in a Gaussian mixture refitted by EM to its own samples. */
@Command(name = "gmm", mixinStandardHelpOptions = true,
        description = "Refit a 1-D Gaussian mixture by EM to N samples of the previous fit, G times, R trials; "
                + "report component weights and the minority component's survival.")
public final class GmmCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ToyOptions options;

    @Option(names = "--weights", split = ",", splitSynopsisLabel = ",", defaultValue = "0.49,0.49,0.02",
            paramLabel = "W",
            description = "True component weights, summing to 1 (default: ${DEFAULT-VALUE}).")
    double[] weights;

    @Option(names = "--spacing", defaultValue = "10", paramLabel = "D",
            description = "Distance between component means; components have unit variance "
                    + "(default: ${DEFAULT-VALUE}).")
    double spacing;

    /**
     * A finished mixture experiment.
     *
     * @param result  per-generation numbers
     * @param files   files written under --out (empty without it)
     * @param seconds time the simulation took
     */
    public record Outcome(GmmResult result, List<Path> files, double seconds) {
    }

    /** Runs {@code config}; writes files into {@code out} unless it is null. */
    public static Outcome run(GmmConfig config, Path out) {
        long start = System.nanoTime();
        GmmResult result = GmmCollapse.run(config);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Path> files = out == null ? List.of() : GmmOutputs.write(result, out);
        return new Outcome(result, files, seconds);
    }

    @Override
    public Integer call() {
        GmmConfig config = new GmmConfig(weights, spacing, options.samples, options.generations, options.trials,
                options.regime, options.seed);
        Outcome outcome = run(config, options.out);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            Json.print(out, outcome.result());
            return ExitCode.OK;
        }
        out.printf(Locale.ROOT, "Gaussian mixture refit, %s: weights %s, N = %d, generations 0..%d, %d trials, "
                + "seed %d (%.2f s)%n", config.regime(), Arrays.toString(config.weights()),
                config.samples(), config.generations(), config.trials(), config.seed(), outcome.seconds());
        out.printf(Locale.ROOT, "minority = component %d; it survives while its weight > 1/(10N) = %.3g%n",
                config.minority(), outcome.result().survivalThreshold());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s", "n"));
        for (int k = 0; k < config.weights().length; k++) {
            header.append(String.format(Locale.ROOT, " %10s", "weight_" + k));
        }
        out.println(header.append(String.format(Locale.ROOT, " %18s", "minority_survival")));
        for (int g : ToyTables.shown(config.generations())) {
            GmmGeneration gen = outcome.result().generations().get(g);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", gen.n()));
            for (double w : gen.weights()) {
                row.append(String.format(Locale.ROOT, " %10.4g", w));
            }
            out.println(row.append(String.format(Locale.ROOT, " %18.4f", gen.minoritySurvival())));
        }
        ToyTables.printFooter(out, config.generations(), outcome.files());
        return ExitCode.OK;
    }
}
