package org.ouroboros.experiments.regime;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Regimes that modify another: the verification gate and rare-token oversampling. */
public final class WrappedRegimes {
    private WrappedRegimes() {
    }

    /** {@code base} applied to synthetic corpora that passed {@code gate}. */
    public static Regime verify(String label, Regime base, VerificationGate gate) {
        return new Regime() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public TrainingSet build(int generation, List<int[]> real, List<SyntheticCorpus> history,
                                     SplittableRandom rng) {
                return base.build(generation, real, gate.filter(history), rng);
            }
        };
    }

    /**
     * {@code base}'s training set with every block that contains a rare token (real-train frequency
     * between 1 and {@code maxFrequency}, from {@code realCounts}) repeated {@code factor} times.
     */
    public static Regime tailOversample(String label, Regime base, long[] realCounts, int maxFrequency, int factor) {
        boolean[] rare = new boolean[realCounts.length];
        for (int t = 0; t < rare.length; t++) {
            rare[t] = realCounts[t] > 0 && realCounts[t] <= maxFrequency;
        }
        return new Regime() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public TrainingSet build(int generation, List<int[]> realBlocks, List<SyntheticCorpus> history,
                                     SplittableRandom rng) {
                TrainingSet set = base.build(generation, realBlocks, history, rng);
                List<int[]> blocks = set.blocks();
                return TrainingSet.of(oversample(blocks.subList(0, set.real()), rare, factor),
                        oversample(blocks.subList(set.real(), blocks.size()), rare, factor));
            }
        };
    }

    private static List<int[]> oversample(List<int[]> blocks, boolean[] rare, int factor) {
        List<int[]> out = new ArrayList<>(blocks);
        for (int[] b : blocks) {
            if (containsRare(b, rare)) {
                for (int c = 1; c < factor; c++) {
                    out.add(b);
                }
            }
        }
        return out;
    }

    private static boolean containsRare(int[] block, boolean[] rare) {
        for (int t : block) {
            if (t < rare.length && rare[t]) {
                return true;
            }
        }
        return false;
    }
}
