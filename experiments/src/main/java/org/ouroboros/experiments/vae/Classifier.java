package org.ouroboros.experiments.vae;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.ouroboros.data.mnist.LabeledImages;
import org.ouroboros.data.tokens.Shuffle;
import org.ouroboros.io.AtomicFiles;

/**
 * The judge of the samples' class mix: a small DL4J MLP (784-256-10, ReLU, softmax, Adam) trained once on
 * the real training images and then used to label every generation's synthetic images.
 */
public final class Classifier {
    /** Number of classes. */
    public static final int CLASSES = 10;
    private static final int HIDDEN = 256;
    private static final int BATCH = 128;
    private static final int EVAL_BATCH = 1000;

    private final MultiLayerNetwork net;

    private Classifier(MultiLayerNetwork net) {
        this.net = net;
    }

    /** Trains a classifier on {@code train} for {@code epochs} epochs; {@code seed} fixes weights and order. */
    public static Classifier train(LabeledImages train, int epochs, long seed, EpochListener listener) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(Vae.PIXELS).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        SplittableRandom rng = new SplittableRandom(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = Shuffle.permutation(train.count(), rng);
            for (int s = 0; s < order.length; s += BATCH) {
                int[] idx = Arrays.copyOfRange(order, s, Math.min(order.length, s + BATCH));
                net.fit(Pixels.batch(train, idx), oneHot(train, idx));
            }
            listener.epochDone(epoch + 1, epochs);
        }
        return new Classifier(net);
    }

    /** Called after each training epoch (for progress). */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(int done, int total);
    }

    /** The predicted class of every image. */
    public int[] predict(LabeledImages images) {
        int[] out = new int[images.count()];
        for (int start = 0; start < images.count(); start += EVAL_BATCH) {
            int end = Math.min(images.count(), start + EVAL_BATCH);
            INDArray classes = net.output(Pixels.batch(images, Pixels.range(start, end)), false).argMax(1);
            for (int i = start; i < end; i++) {
                out[i] = classes.getInt(i - start);
            }
        }
        return out;
    }

    /** Fraction of {@code images} whose predicted class is their label. */
    public double accuracy(LabeledImages images) {
        int[] predicted = predict(images);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == images.label(i) ? 1 : 0;
        }
        return right / (double) predicted.length;
    }

    /** The share of each class among the predictions for {@code images}. */
    public double[] classShares(LabeledImages images) {
        int[] counts = new int[CLASSES];
        int[] predicted = predict(images);
        for (int p : predicted) {
            counts[p]++;
        }
        double[] shares = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            shares[c] = counts[c] / (double) predicted.length;
        }
        return shares;
    }

    /** Saves the network (DL4J's zip format), atomically. */
    public void save(Path file) {
        AtomicFiles.write(file, out -> ModelSerializer.writeModel(net, out, false));
    }

    /** Loads a network saved by {@link #save}. */
    public static Classifier load(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new Classifier(ModelSerializer.restoreMultiLayerNetwork(in, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classifier " + file + ": " + e.getMessage(), e);
        }
    }

    private static INDArray oneHot(LabeledImages images, int[] idx) {
        float[] y = new float[idx.length * CLASSES];
        for (int k = 0; k < idx.length; k++) {
            y[k * CLASSES + images.label(idx[k])] = 1f;
        }
        return Nd4j.create(y, new long[] {idx.length, CLASSES}, 'c');
    }
}
