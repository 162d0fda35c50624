package org.ouroboros.experiments.regime;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded draws without replacement. */
final class Sampling {
    private Sampling() {
    }

    /** {@code k} distinct items of {@code from} (all of them if k >= size), in random order. */
    static <T> List<T> withoutReplacement(List<T> from, int k, SplittableRandom rng) {
        List<T> copy = new ArrayList<>(from);
        int n = Math.min(k, copy.size());
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(copy.size() - i);
            T t = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, t);
        }
        return copy.subList(0, n);
    }
}
