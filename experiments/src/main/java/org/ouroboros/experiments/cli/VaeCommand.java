package org.ouroboros.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ouroboros.cli.DataDirOption;
import org.ouroboros.cli.ExitCode;
import org.ouroboros.cli.Json;
import org.ouroboros.data.mnist.FashionMnist;
import org.ouroboros.experiments.vae.Minority;
import org.ouroboros.experiments.vae.VaeConfig;
import org.ouroboros.experiments.vae.VaeGeneration;
import org.ouroboros.experiments.vae.VaeOutputs;
import org.ouroboros.experiments.vae.VaeRecursion;
import org.ouroboros.experiments.vae.VaeRegime;
import org.ouroboros.experiments.vae.VaeResult;
import org.ouroboros.experiments.vae.VaeShape;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ouro toy vae}: a VAE trained, generation after generation, on its own samples of Fashion-MNIST. */
@Command(name = "vae", mixinStandardHelpOptions = true,
        description = "Train a VAE on real Fashion-MNIST images, then each generation a new VAE on its regime's mix "
                + "of real images and the previous VAE's samples; measure the ELBO on real test images, the samples' "
                + "diversity and their class mix. Needs 'ouro data fetch fashion-mnist' first.")
public final class VaeCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--generations", defaultValue = "10", paramLabel = "G",
            description = "Generations after generation 0 (default: ${DEFAULT-VALUE}).")
    int generations;

    @Option(names = "--regime", split = ",", defaultValue = "replace,accumulate", paramLabel = "REGIME",
            description = "replace, mix or accumulate; several share generation 0 (default: ${DEFAULT-VALUE}).")
    List<VaeRegime> regimes;

    @Option(names = "--real-fraction", defaultValue = "0.1", paramLabel = "P",
            description = "mix: share of real images in each later generation (default: ${DEFAULT-VALUE}).")
    double realFraction;

    @Option(names = "--minority", defaultValue = "1,9:0.1", paramLabel = "CLASSES:FRACTION",
            description = "Classes thinned to FRACTION of their images in the real training set, or none "
                    + "(default: ${DEFAULT-VALUE}: trousers and ankle boots).")
    String minority;

    @Option(names = "--train-images", defaultValue = "6000", paramLabel = "N",
            description = "Real training images drawn before thinning (default: ${DEFAULT-VALUE}).")
    int trainImages;

    @Option(names = "--test-images", defaultValue = "10000", paramLabel = "N",
            description = "Real test images the ELBO is measured on (default: ${DEFAULT-VALUE}).")
    int testImages;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs per generation (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--hidden", split = ",", defaultValue = "256", paramLabel = "W",
            description = "Encoder hidden widths, mirrored by the decoder (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--latent", defaultValue = "16", description = "Latent dimension (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--lr", defaultValue = "3e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--classifier-epochs", defaultValue = "3",
            description = "Epochs of the class judge on the 60,000 real images (default: ${DEFAULT-VALUE}).")
    int classifierEpochs;

    @Option(names = "--present-threshold", defaultValue = "0.005", paramLabel = "S",
            description = "A class is present while its share of the samples exceeds S (default: ${DEFAULT-VALUE}).")
    double presentThreshold;

    @Option(names = "--seed", defaultValue = "0", description = "The one seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Run directory: per-generation samples and measurements (resumable), CSV, PNG, report.html.")
    Path out;

    @Option(names = "--json", description = "Print the result as one JSON object.")
    boolean json;

    /** A finished run and the report files written. */
    public record Outcome(VaeResult result, List<Path> files, double seconds) {
    }

    /** Runs (or resumes) {@code config} with the data in {@code dataDir}, writing into {@code out}. */
    public static Outcome run(VaeConfig config, Path dataDir, Path out) {
        long start = System.nanoTime();
        FashionMnist.Data data = FashionMnist.load(dataDir);
        VaeResult result = VaeRecursion.run(config, data, out);
        List<Path> files = VaeOutputs.write(result);
        return new Outcome(result, files, (System.nanoTime() - start) / 1e9);
    }

    /** The config the options describe. */
    public VaeConfig config() {
        return new VaeConfig(generations, regimes, realFraction, Minority.parse(minority), trainImages, testImages,
                epochs, batchSize, new VaeShape(hidden, latent, lr), classifierEpochs, presentThreshold, seed);
    }

    @Override
    public Integer call() {
        Outcome outcome = run(config(), dataDir.resolve(), out);
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Json.print(pw, outcome.result());
            return ExitCode.OK;
        }
        VaeResult r = outcome.result();
        VaeConfig c = r.config();
        pw.printf(Locale.ROOT, "VAE on Fashion-MNIST: %,d real training images (minority %s), %d epochs per generation, "
                + "seed %d; class judge's real-test accuracy %.4f%n", r.real().trainingImages(), c.minority(), c.epochs(),
                c.seed(), r.classifierAccuracy());
        pw.printf(Locale.ROOT, "%-11s %4s %9s %9s %8s %8s %8s%s%n", "regime", "gen", "ELBO", "minority", "classes",
                "pix_var", "distance", minorityHeader(c.minority()));
        print(pw, r.real(), c.minority());
        for (VaeGeneration g : r.generations()) {
            print(pw, g, c.minority());
        }
        pw.printf(Locale.ROOT, "%d generations run, %d resumed from disk (%.0f s)%n",
                r.generations().size() - c.regimes().size() + 1 - r.resumed(), r.resumed(), outcome.seconds());
        pw.println("report: " + r.dir().resolve("report.html"));
        pw.flush();
        return ExitCode.OK;
    }

    private static String minorityHeader(Minority m) {
        StringBuilder sb = new StringBuilder();
        for (int k : m.classes()) {
            sb.append(String.format(Locale.ROOT, " %8s", "share_" + k));
        }
        return sb.toString();
    }

    private static void print(PrintWriter pw, VaeGeneration g, Minority m) {
        StringBuilder shares = new StringBuilder();
        for (int k : m.classes()) {
            shares.append(String.format(Locale.ROOT, " %8.4f", g.classShares()[k]));
        }
        pw.printf(Locale.ROOT, "%-11s %4s %9s %9.4f %8.2f %8.4f %8.3f%s%n", g.regime(),
                g.regime().equals("real") ? "-" : Integer.toString(g.generation()),
                Double.isNaN(g.elbo()) ? "-" : String.format(Locale.ROOT, "%.2f", g.elbo()), g.minorityShare(),
                g.classesPresent(), g.pixelVariance(), g.meanDistance(), shares);
    }
}
