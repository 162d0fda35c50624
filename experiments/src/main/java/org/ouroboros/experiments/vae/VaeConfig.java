package org.ouroboros.experiments.vae;

import java.util.List;
import java.util.Objects;
import org.ouroboros.cli.BadInputException;

/**
 * A VAE collapse experiment: generation 0 trains on real Fashion-MNIST images (with minority classes thinned),
 * each later generation on its regime's mix of real images and samples of earlier generations.
 *
 * @param generations      G, generations after generation 0 (0..G are run)
 * @param regimes          the regimes run, sharing generation 0
 * @param realFraction     mix's share of real images in each later generation
 * @param minority         classes made rare in the real training set
 * @param trainImages      real training images drawn (stratified, before thinning) from the 60,000
 * @param testImages       real test images the ELBO is measured on
 * @param epochs           passes over each generation's training set
 * @param batchSize        images per Adam step
 * @param shape            the VAE's architecture and learning rate
 * @param classifierEpochs epochs of the class judge on all 60,000 real training images
 * @param presentThreshold share of the samples above which a class counts as present
 * @param seed             the one seed: data draws, initialisation, order, noise, samples
 */
public record VaeConfig(int generations, List<VaeRegime> regimes, double realFraction, Minority minority,
                        int trainImages, int testImages, int epochs, int batchSize, VaeShape shape,
                        int classifierEpochs, double presentThreshold, long seed) {
    public VaeConfig {
        regimes = List.copyOf(regimes);
        Objects.requireNonNull(minority, "minority");
        Objects.requireNonNull(shape, "shape");
        if (generations < 0 || generations > 1000) {
            throw new BadInputException("--generations must be in 0..1000, got " + generations);
        }
        if (regimes.isEmpty() || regimes.stream().distinct().count() != regimes.size()) {
            throw new BadInputException("--regime needs one or more distinct regimes of replace, mix, accumulate");
        }
        if (!(realFraction >= 0 && realFraction <= 1)) {
            throw new BadInputException("--real-fraction must be in [0, 1], got " + realFraction);
        }
        if (trainImages < 10 || trainImages > 60_000) {
            throw new BadInputException("--train-images must be in 10..60000, got " + trainImages);
        }
        if (testImages < 1 || testImages > 10_000) {
            throw new BadInputException("--test-images must be in 1..10000, got " + testImages);
        }
        if (epochs < 1 || batchSize < 1 || classifierEpochs < 1) {
            throw new BadInputException("--epochs, --batch-size and --classifier-epochs must be >= 1, got "
                    + epochs + ", " + batchSize + ", " + classifierEpochs);
        }
        if (!(presentThreshold >= 0 && presentThreshold < 1)) {
            throw new BadInputException("--present-threshold must be in [0, 1), got " + presentThreshold);
        }
    }
}
