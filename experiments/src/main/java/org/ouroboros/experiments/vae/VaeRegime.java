package org.ouroboros.experiments.vae;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ouroboros.data.mnist.LabeledImages;
import org.ouroboros.data.tokens.Shuffle;

/**
 * What generation n >= 1 of the VAE trains on, with the language-model experiments' semantics: the
 * synthetic set of generation n-1 only ({@code replace}), a fraction p of the real images drawn afresh plus
 * synthetic images of generation n-1 up to the real set's size ({@code mix}), or every real image and every
 * synthetic set so far ({@code accumulate}).
 */
public enum VaeRegime {
    REPLACE,
    MIX,
    ACCUMULATE;

    /**
     * The training set of generation {@code n}.
     *
     * @param real      the real training images (generation 0's set)
     * @param synthetic the synthetic sets of generations 0..n-1, each the size of {@code real}
     * @param p         mix's share of real images
     */
    public LabeledImages trainingSet(int n, LabeledImages real, List<LabeledImages> synthetic, double p,
                                     SplittableRandom rng) {
        if (n < 1 || synthetic.size() < n) {
            throw new IllegalArgumentException("generation " + n + " needs the synthetic sets of generations 0.."
                    + (n - 1) + ", have " + synthetic.size());
        }
        LabeledImages previous = synthetic.get(n - 1);
        return switch (this) {
            case REPLACE -> previous;
            case MIX -> {
                int realCount = (int) Math.round(p * real.count());
                LabeledImages picked = real.subset(draw(real.count(), realCount, rng));
                yield concat(List.of(picked, previous.subset(draw(previous.count(), real.count() - realCount, rng))));
            }
            case ACCUMULATE -> {
                List<LabeledImages> all = new ArrayList<>(List.of(real));
                all.addAll(synthetic.subList(0, n));
                yield concat(all);
            }
        };
    }

    /** How many of the training set's images are real. */
    public int realImages(int n, int realCount, double p) {
        return switch (this) {
            case REPLACE -> n == 0 ? realCount : 0;
            case MIX -> n == 0 ? realCount : (int) Math.round(p * realCount);
            case ACCUMULATE -> realCount;
        };
    }

    private static int[] draw(int n, int k, SplittableRandom rng) {
        return Arrays.copyOf(Shuffle.permutation(n, rng), k);
    }

    static LabeledImages concat(List<LabeledImages> parts) {
        int count = parts.stream().mapToInt(LabeledImages::count).sum();
        int d = parts.get(0).size();
        byte[] pixels = new byte[count * d];
        byte[] labels = new byte[count];
        int at = 0;
        for (LabeledImages part : parts) {
            System.arraycopy(part.pixels(), 0, pixels, at * d, part.count() * d);
            System.arraycopy(part.labels(), 0, labels, at, part.count());
            at += part.count();
        }
        return new LabeledImages(parts.get(0).rows(), parts.get(0).cols(), pixels, labels);
    }

    /** The lower-case name used on the command line, in file names and CSVs. */
    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
