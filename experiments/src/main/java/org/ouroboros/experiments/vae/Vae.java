package org.ouroboros.experiments.vae;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.ouroboros.data.mnist.LabeledImages;

/**
 * A variational autoencoder on 28x28 grey-scale images: Deeplearning4j's own {@link VariationalAutoencoder}
 * layer (an MLP encoder to a diagonal Gaussian q(z|x), a standard normal prior p(z), an MLP decoder to
 * independent Bernoulli pixels p(x|z), pixel intensities /255 as the Bernoulli targets), trained by DL4J's
 * unsupervised {@code pretrainLayer} with Adam. The evaluation forward pass ({@link #elbo}) is computed here
 * from the layer's own parameters and its reconstruction distribution, with noise drawn from our seeded
 * generator, so it is exact to reproduce.
 */
public final class Vae {
    /** Pixels per image. */
    public static final int PIXELS = 28 * 28;

    private final VaeShape shape;
    private final MultiLayerNetwork net;
    private final IActivation hidden;
    private final BernoulliReconstructionDistribution pixels;

    private Vae(VaeShape shape, MultiLayerNetwork net, IActivation hidden,
                BernoulliReconstructionDistribution pixels) {
        this.shape = shape;
        this.net = net;
        this.hidden = hidden;
        this.pixels = pixels;
    }

    /** A freshly initialised VAE of {@code shape}; {@code seed} fixes the initial weights. */
    public static Vae create(VaeShape shape, long seed) {
        IActivation hidden = Activation.LEAKYRELU.getActivationFunction();
        BernoulliReconstructionDistribution pixels = new BernoulliReconstructionDistribution(Activation.SIGMOID);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(shape.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new VariationalAutoencoder.Builder()
                        .activation(hidden)
                        .encoderLayerSizes(shape.hidden())
                        .decoderLayerSizes(shape.hidden())
                        .pzxActivationFunction(Activation.IDENTITY)
                        .reconstructionDistribution(pixels)
                        .nIn(PIXELS)
                        .nOut(shape.latent())
                        .build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return new Vae(shape, net, hidden, pixels);
    }

    /** The shape this VAE was built with. */
    public VaeShape shape() {
        return shape;
    }

    /** Number of trainable parameters. */
    public long parameters() {
        return net.numParams();
    }

    /**
     * One Adam step on the images at {@code indices} of {@code images} (maximising the ELBO, one Monte Carlo
     * sample of z per image as DL4J draws it); returns DL4J's score, the minibatch's mean negative ELBO.
     */
    public double step(LabeledImages images, int[] indices) {
        net.pretrainLayer(0, Pixels.batch(images, indices));
        return net.getLayer(0).score();
    }

    /** Mean ELBO, reconstruction loss and KL of a set, nats per image. */
    public record Elbo(double elbo, double reconstruction, double kl) {
    }

    /**
     * The ELBO on {@code images}: E_q[log p(x|z)] - KL(q(z|x) || p(z)), the expectation estimated with one
     * sample of z per image drawn from {@code seed}, the KL in closed form.
     */
    public Elbo elbo(LabeledImages images, long seed, int batchSize) {
        SplittableRandom rng = new SplittableRandom(seed);
        double recon = 0;
        double kl = 0;
        int n = images.count();
        for (int start = 0; start < n; start += batchSize) {
            int[] idx = Pixels.range(start, Math.min(n, start + batchSize));
            INDArray x = Pixels.batch(images, idx);
            INDArray[] q = encode(x);                                    // [B, latent] mean and log variance
            INDArray std = Transforms.exp(q[1].mul(0.5), false);
            INDArray z = q[0].add(std.mul(Pixels.gaussian(rng, idx.length, shape.latent())));
            recon += pixels.exampleNegLogProbability(x, decodePreOutput(z)).sumNumber().doubleValue();
            // KL(N(mu, s^2) || N(0, 1)) = -1/2 sum(1 + log s^2 - mu^2 - s^2)
            INDArray klTerms = q[1].add(1.0).sub(q[0].mul(q[0])).sub(Transforms.exp(q[1], true));
            kl += -0.5 * klTerms.sumNumber().doubleValue();
        }
        return new Elbo(-(recon + kl) / n, recon / n, kl / n);
    }

    /**
     * {@code count} images decoded from z drawn from the prior N(0, I) with {@code seed}: each pixel is the
     * decoder's Bernoulli mean, quantised to 0..255 like a real image. Labels are all 0 (unknown).
     */
    public LabeledImages sample(int count, long seed, int batchSize) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] out = new byte[count * PIXELS];
        for (int start = 0; start < count; start += batchSize) {
            int b = Math.min(count, start + batchSize) - start;
            INDArray z = Pixels.gaussian(rng, b, shape.latent());
            INDArray mean = pixels.generateAtMean(decodePreOutput(z));  // [B, 784] in (0, 1)
            Pixels.quantise(mean, out, start * PIXELS);
        }
        return new LabeledImages(28, 28, out, new byte[count]);
    }

    /** The encoder's mean and log variance of q(z|x) for a batch {@code x} [B, 784]. */
    INDArray[] encode(INDArray x) {
        INDArray h = x;
        for (int i = 0; i < shape.hidden().length; i++) {
            h = hidden.getActivation(dense(h, "e" + i), false);
        }
        return new INDArray[] {dense(h, "pZXMean"), dense(h, "pZXLogStd2")};
    }

    /** The decoder's pre-activation output (Bernoulli logits) for latent codes {@code z} [B, latent]. */
    INDArray decodePreOutput(INDArray z) {
        INDArray h = z;
        for (int i = 0; i < shape.hidden().length; i++) {
            h = hidden.getActivation(dense(h, "d" + i), false);
        }
        return dense(h, "pXZ");
    }

    /** The DL4J layer's own decoding of z at the mean, for checking {@link #decodePreOutput} against it. */
    INDArray dl4jDecode(INDArray z) {
        return ((org.deeplearning4j.nn.layers.variational.VariationalAutoencoder) net.getLayer(0))
                .generateAtMeanGivenZ(z);
    }

    /** The DL4J layer's own mean of q(z|x). */
    INDArray dl4jEncodeMean(INDArray x) {
        return net.output(x, false);
    }

    private INDArray dense(INDArray in, String prefix) {
        return in.mmul(net.getParam("0_" + prefix + "W")).addiRowVector(net.getParam("0_" + prefix + "b"));
    }
}
