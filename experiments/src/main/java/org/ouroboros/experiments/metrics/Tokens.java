package org.ouroboros.experiments.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps string tokens to int ids so the metrics can count n-grams without string keys. */
final class Tokens {
    private Tokens() {
    }

    /** Each sample's tokens as ids; equal strings get equal ids. */
    static List<int[]> intern(List<String[]> samples) {
        Map<String, Integer> ids = new HashMap<>();
        List<int[]> out = new ArrayList<>(samples.size());
        for (String[] sample : samples) {
            int[] row = new int[sample.length];
            for (int p = 0; p < sample.length; p++) {
                Integer id = ids.putIfAbsent(sample[p], ids.size());
                row[p] = id == null ? ids.size() - 1 : id;
            }
            out.add(row);
        }
        return out;
    }
}
