package org.ouroboros.experiments.vae;

/**
 * The measurements of one generation of one regime (generation 0 is shared by all regimes).
 *
 * @param regime          the regime, or "real" for the reference row of real images
 * @param generation      n
 * @param trainingImages  size of the training set
 * @param realImages      how many of them were real
 * @param elbo            mean ELBO on the real test images, nats per image (higher is better)
 * @param reconstruction  mean -E_q[log p(x|z)] on the real test images, nats
 * @param kl              mean KL(q(z|x) || p(z)) on the real test images, nats
 * @param pixelVariance   per-pixel variance across the generation's samples, averaged over pixels (0..1 scale)
 * @param meanDistance    mean Euclidean distance between pairs of samples (0..1 pixel scale)
 * @param classShares     share of the samples the classifier assigns to each class
 * @param classesPresent  fraction of the classes whose share is above the threshold
 * @param minorityShare   summed share of the minority classes
 * @param seconds         wall time of the generation
 */
public record VaeGeneration(String regime, int generation, int trainingImages, int realImages, double elbo,
                            double reconstruction, double kl, double pixelVariance, double meanDistance,
                            double[] classShares, double classesPresent, double minorityShare, double seconds) {
    /** This row under another regime's name (generation 0 is shared, and listed under each regime). */
    public VaeGeneration withRegime(String name) {
        return new VaeGeneration(name, generation, trainingImages, realImages, elbo, reconstruction, kl, pixelVariance,
                meanDistance, classShares, classesPresent, minorityShare, seconds);
    }
}
