package org.ouroboros.experiments.regime;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The four regimes that build a training set by themselves. */
public final class SimpleRegimes {
    private SimpleRegimes() {
    }

    /** Only the previous generation's synthetic corpus (the same size as the real training set). */
    public static Regime replace(String label) {
        return new Named(label, (n, real, history, rng) -> {
            return TrainingSet.of(List.of(), history.get(n - 1).blocks());
        });
    }

    /**
     * A fraction {@code p} of the real training set, drawn afresh each generation, plus synthetic blocks of
     * the previous generation up to the real set's size (Shumailov et al.'s setting b: p = 0.1).
     */
    public static Regime mix(String label, double p) {
        return new Named(label, (n, real, history, rng) -> {
            int realCount = (int) Math.round(p * real.size());
            List<int[]> picked = Sampling.withoutReplacement(real, realCount, rng);
            List<int[]> synth = Sampling.withoutReplacement(history.get(n - 1).blocks(),
                    real.size() - realCount, rng);
            return TrainingSet.of(picked, synth);
        });
    }

    /** All real data plus every synthetic corpus so far: grows by one corpus per generation. */
    public static Regime accumulate(String label) {
        return new Named(label, (n, real, history, rng) -> {
            List<int[]> synth = new ArrayList<>();
            for (int g = 0; g < n; g++) {
                synth.addAll(history.get(g).blocks());
            }
            return TrainingSet.of(real, synth);
        });
    }

    /** A sample the size of the real training set from the accumulated pool (Kazdan et al.). */
    public static Regime accumulateSubsample(String label) {
        return new Named(label, (n, real, history, rng) -> {
            List<int[]> pool = new ArrayList<>(real);
            for (int g = 0; g < n; g++) {
                pool.addAll(history.get(g).blocks());
            }
            List<int[]> realPicked = new ArrayList<>();
            List<int[]> synthPicked = new ArrayList<>();
            for (int i : Sampling.withoutReplacement(indices(pool.size()), real.size(), rng)) {
                (i < real.size() ? realPicked : synthPicked).add(pool.get(i));
            }
            return TrainingSet.of(realPicked, synthPicked);
        });
    }

    private static List<Integer> indices(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** How a simple regime builds its set. */
    @FunctionalInterface
    interface Builder {
        TrainingSet build(int generation, List<int[]> real, List<SyntheticCorpus> history, SplittableRandom rng);
    }

    private record Named(String label, Builder builder) implements Regime {
        @Override
        public TrainingSet build(int generation, List<int[]> real, List<SyntheticCorpus> history,
                                 SplittableRandom rng) {
            if (generation < 1 || history.size() < generation) {
                throw new IllegalArgumentException("generation " + generation + " needs the synthetic corpora of "
                        + "generations 0.." + (generation - 1) + ", have " + history.size());
            }
            return builder.build(generation, real, history, rng);
        }
    }
}
