package org.ouroboros.experiments.regime;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A generation's training blocks, the real ones first, how many of each kind there are, each block's
 * weight in the loss (1 unless a regime down-weights), and what the regime measured while building it
 * ({@code notes}, e.g. a detector's scores; extra {@code metrics.csv} columns).
 */
public record TrainingSet(List<int[]> blocks, int real, int synthetic, double[] weights, Map<String, Double> notes) {
    /** Real blocks followed by synthetic ones. */
    public static TrainingSet of(List<int[]> real, List<int[]> synthetic) {
        List<int[]> all = new java.util.ArrayList<>(real);
        all.addAll(synthetic);
        return new TrainingSet(all, real.size(), synthetic.size());
    }

    /** Every block at weight 1, no notes. */
    public TrainingSet(List<int[]> blocks, int real, int synthetic) {
        this(blocks, real, synthetic, null, null);
    }

    public TrainingSet {
        blocks = List.copyOf(blocks);
        if (real + synthetic != blocks.size()) {
            throw new IllegalArgumentException("real " + real + " + synthetic " + synthetic + " != " + blocks.size());
        }
        if (weights == null) {
            weights = new double[blocks.size()];
            Arrays.fill(weights, 1.0);
        } else if (weights.length != blocks.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + blocks.size() + " blocks");
        } else {
            weights = weights.clone();
        }
        notes = notes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }

    /** Whether some block has a weight other than 1. */
    public boolean weighted() {
        return Arrays.stream(weights).anyMatch(w -> w != 1.0);
    }

    /** Fraction of real blocks. */
    public double realFraction() {
        return blocks.isEmpty() ? 0 : (double) real / blocks.size();
    }
}
