package org.ouroboros.data.tokens;

import java.util.SplittableRandom;

/** The seeded permutation that orders training blocks in each epoch. */
public final class Shuffle {
    private Shuffle() {
    }

    /** A Fisher-Yates permutation of 0..n-1, deterministic for (seed, epoch) and different per epoch. */
    public static int[] permutation(int n, long seed, int epoch) {
        return permutation(n, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch));
    }

    /** A Fisher-Yates permutation of 0..n-1 drawn from {@code rng} (which it advances). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
