package org.ouroboros.experiments.regime;

import java.util.List;

/** A generation's training blocks, the real ones first, and how many of each kind there are. */
public record TrainingSet(List<int[]> blocks, int real, int synthetic) {
    /** Real blocks followed by synthetic ones. */
    public static TrainingSet of(List<int[]> real, List<int[]> synthetic) {
        List<int[]> all = new java.util.ArrayList<>(real);
        all.addAll(synthetic);
        return new TrainingSet(all, real.size(), synthetic.size());
    }

    public TrainingSet {
        blocks = List.copyOf(blocks);
        if (real + synthetic != blocks.size()) {
            throw new IllegalArgumentException("real " + real + " + synthetic " + synthetic + " != " + blocks.size());
        }
    }

    /** Fraction of real blocks. */
    public double realFraction() {
        return blocks.isEmpty() ? 0 : (double) real / blocks.size();
    }
}
