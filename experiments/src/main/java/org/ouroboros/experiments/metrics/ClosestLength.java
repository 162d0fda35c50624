package org.ouroboros.experiments.metrics;

import java.util.Arrays;

/**
 * The reference length BLEU's brevity penalty uses for one sample when all other samples are the
 * references: the length closest to the sample's own, ties going to the shorter one, computed on the
 * sorted multiset of all lengths with one instance of the sample's own length left out.
 */
final class ClosestLength {
    private final int[] sorted;

    ClosestLength(int[] lengths) {
        if (lengths.length < 2) {
            throw new IllegalArgumentException("need at least 2 lengths, got " + lengths.length);
        }
        sorted = lengths.clone();
        Arrays.sort(sorted);
    }

    /** The closest length to {@code own} among all lengths except one instance of {@code own}. */
    int excludingOne(int own) {
        int lo = firstAtLeast(own);
        int hi = firstAtLeast(own + 1);
        if (hi - lo >= 2) {
            return own; // another sample has exactly this length
        }
        boolean hasBelow = lo > 0;
        boolean hasAbove = hi < sorted.length;
        if (!hasAbove) {
            return sorted[lo - 1];
        }
        if (!hasBelow) {
            return sorted[hi];
        }
        int below = sorted[lo - 1];
        int above = sorted[hi];
        return (long) above - own < (long) own - below ? above : below;
    }

    private int firstAtLeast(int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
