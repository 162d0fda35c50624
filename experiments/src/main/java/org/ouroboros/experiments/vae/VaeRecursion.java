package org.ouroboros.experiments.vae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.factory.Nd4j;
import org.ouroboros.cli.BadInputException;
import org.ouroboros.cli.Json;
import org.ouroboros.cli.Progress;
import org.ouroboros.data.mnist.FashionMnist;
import org.ouroboros.data.mnist.LabeledImages;
import org.ouroboros.data.tokens.Shuffle;
import org.ouroboros.experiments.run.Seeds;
import org.ouroboros.io.AtomicFiles;

/**
 * The VAE version of the Curse of Recursion: generation 0 trains on real images, each later generation
 * trains a fresh VAE on its regime's mix of real images and the samples of earlier generations, and every
 * generation is measured on the real test images and by the class mix of its own samples. Finished
 * generations are read back from the run directory, so an interrupted run resumes where it stopped and
 * gives the same numbers.
 */
public final class VaeRecursion {
    private static final int EVAL_BATCH = 500;

    private final VaeConfig config;
    private final VaeRunDir dir;
    private final FashionMnist.Data data;
    private final LabeledImages real;
    private final LabeledImages test;
    private Classifier classifier;
    private Progress progress;
    private long imagesDone;
    private int resumed;

    private VaeRecursion(VaeConfig config, FashionMnist.Data data, Path out) {
        this.config = config;
        this.dir = new VaeRunDir(out);
        this.data = data;
        this.real = realTrainingSet(config, data.train());
        this.test = data.test().head(config.testImages());
    }

    /** Runs (or resumes) {@code config} on {@code data} in {@code out}. */
    public static VaeResult run(VaeConfig config, FashionMnist.Data data, Path out) {
        return new VaeRecursion(config, data, out).run();
    }

    private VaeResult run() {
        dir.claim(config);
        double accuracy = loadOrTrainClassifier();
        List<VaeGeneration> rows = new ArrayList<>();
        try (Progress p = Progress.start("vae", totalImages(), "img")) {
            progress = p;
            List<LabeledImages> shared = new ArrayList<>();
            VaeGeneration gen0 = generation(VaeRegime.REPLACE, 0, shared);
            for (VaeRegime regime : config.regimes()) {
                List<LabeledImages> history = new ArrayList<>(shared);
                rows.add(gen0.withRegime(regime.toString()));
                for (int n = 1; n <= config.generations(); n++) {
                    rows.add(generation(regime, n, history));
                }
            }
        }
        return new VaeResult(config, rows, reference(), accuracy, resumed, dir.root(),
                real.head(VaeOutputs.GRID_COLUMNS));
    }

    /**
     * Generation {@code n} of {@code regime}: read back if finished, else trained, measured and saved.
     * Appends its samples to {@code history}.
     */
    private VaeGeneration generation(VaeRegime regime, int n, List<LabeledImages> history) {
        VaeGeneration done = dir.readGeneration(regime, n);
        if (done != null) {
            history.add(dir.readSamples(regime, n));
            imagesDone += (long) config.epochs() * trainingSize(regime, n);
            resumed++;
            return done;
        }
        long start = System.nanoTime();
        String tag = n == 0 ? "shared" : regime.toString();
        LabeledImages train = n == 0 ? real : regime.trainingSet(n, real, history, config.realFraction(),
                new SplittableRandom(Seeds.derive(config.seed(), "mix", tag, n)));
        Vae vae = train(train, tag, n);
        Vae.Elbo elbo = vae.elbo(test, Seeds.derive(config.seed(), "elbo"), EVAL_BATCH);
        if (!Double.isFinite(elbo.elbo())) {
            throw new IllegalStateException("generation " + n + " (" + tag + ") diverged: ELBO " + elbo.elbo()
                    + " on the real test images; the generations before it are kept, lower --lr and rerun");
        }
        LabeledImages samples = vae.sample(real.count(), Seeds.derive(config.seed(), "prior", tag, n), EVAL_BATCH);
        double seconds = (System.nanoTime() - start) / 1e9;
        VaeGeneration g = measure(tag, n, train.count(),
                regime.realImages(n, real.count(), config.realFraction()), elbo, samples, seconds);
        dir.writeGeneration(regime, n, samples, g);
        history.add(samples);
        return g;
    }

    private Vae train(LabeledImages train, String tag, int n) {
        Vae vae = Vae.create(config.shape(), Seeds.derive(config.seed(), "init", tag, n));
        Nd4j.getRandom().setSeed(Seeds.derive(config.seed(), "noise", tag, n));
        SplittableRandom order = new SplittableRandom(Seeds.derive(config.seed(), "order", tag, n));
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            int[] perm = Shuffle.permutation(train.count(), order);
            for (int s = 0; s < perm.length; s += config.batchSize()) {
                int[] batch = Arrays.copyOfRange(perm, s, Math.min(perm.length, s + config.batchSize()));
                double loss = vae.step(train, batch);
                imagesDone += batch.length;
                progress.update(imagesDone, String.format(Locale.ROOT, "%s gen %d, -ELBO %.1f", tag, n, loss));
            }
        }
        return vae;
    }

    private VaeGeneration measure(String regime, int n, int trainingImages, int realImages, Vae.Elbo elbo,
                                  LabeledImages images, double seconds) {
        double[] shares = classifier.classShares(images);
        double present = Arrays.stream(shares).filter(s -> s > config.presentThreshold()).count()
                / (double) shares.length;
        double minority = 0;
        for (int c : config.minority().classes()) {
            minority += shares[c];
        }
        return new VaeGeneration(regime, n, trainingImages, realImages, elbo.elbo(), elbo.reconstruction(),
                elbo.kl(), SampleDiversity.pixelVariance(images), SampleDiversity.meanDistance(images), shares,
                present, minority, seconds);
    }

    /** The real training set measured like the samples, as the yardstick (its ELBO is not defined). */
    private VaeGeneration reference() {
        return measure("real", 0, real.count(), real.count(), new Vae.Elbo(Double.NaN, Double.NaN, Double.NaN), real, 0);
    }

    private double loadOrTrainClassifier() {
        Path file = dir.classifierFile();
        Path accuracyFile = dir.classifierAccuracyFile();
        if (Files.isRegularFile(file) && Files.isRegularFile(accuracyFile)) {
            classifier = Classifier.load(file);
            return Json.MAPPER.convertValue(readJson(accuracyFile).get("test_accuracy"), Double.class);
        }
        try (Progress p = Progress.start("classifier", config.classifierEpochs(), "epochs")) {
            classifier = Classifier.train(data.train(), config.classifierEpochs(),
                    Seeds.derive(config.seed(), "classifier"), (done, total) -> p.update(done, ""));
        }
        double accuracy = classifier.accuracy(data.test());
        classifier.save(file);
        AtomicFiles.writeString(accuracyFile, Json.writePretty(Map.of("test_accuracy", accuracy,
                "test_images", data.test().count(), "train_images", data.train().count())));
        return accuracy;
    }

    private static Map<?, ?> readJson(Path file) {
        try {
            return Json.MAPPER.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Generation 0's training set: a seeded draw of {@code trainImages} real images, minority classes thinned. */
    static LabeledImages realTrainingSet(VaeConfig config, LabeledImages all) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(config.seed(), "real"));
        int[] order = Shuffle.permutation(all.count(), rng);
        int[] drawn = Arrays.copyOf(order, config.trainImages());
        Arrays.sort(drawn);
        return config.minority().apply(all.subset(drawn), rng);
    }

    private int trainingSize(VaeRegime regime, int n) {
        return regime == VaeRegime.ACCUMULATE ? (n + 1) * real.count() : real.count();
    }

    private long totalImages() {
        long total = (long) config.epochs() * real.count();
        for (VaeRegime regime : config.regimes()) {
            for (int n = 1; n <= config.generations(); n++) {
                total += (long) config.epochs() * trainingSize(regime, n);
            }
        }
        return total;
    }
}
