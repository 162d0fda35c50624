package org.ouroboros.experiments.metrics;

import java.util.Arrays;

/**
 * The Zipf exponent of a corpus: minus the least-squares slope of log frequency against log rank. The fit
 * runs over ranks 1..R, R the last rank whose count is at least {@link #MIN_COUNT} (the flat steps of
 * once-seen types would bend the line), capped at {@link #MAX_RANK}. Natural text gives about 1; a
 * collapsing model concentrates on few types and the slope steepens.
 */
public final class ZipfFit {
    /** Types seen fewer times than this are left out of the fit. */
    public static final int MIN_COUNT = 2;
    /** At most this many ranks are fitted. */
    public static final int MAX_RANK = 1000;

    private ZipfFit() {
    }

    /** The exponent with the default fit range; NaN when fewer than two ranks qualify. */
    public static double alpha(long[] counts) {
        return alpha(counts, MIN_COUNT, MAX_RANK);
    }

    /** Minus the slope of ln(count) on ln(rank) over ranks with count >= minCount, at most maxRank of them. */
    public static double alpha(long[] counts, int minCount, int maxRank) {
        long[] sorted = Arrays.stream(counts).filter(c -> c >= Math.max(1, minCount)).sorted().toArray();
        int n = Math.min(sorted.length, maxRank);
        if (n < 2) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        for (int r = 1; r <= n; r++) {
            sx += Math.log(r);
            sy += Math.log(sorted[sorted.length - r]);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (int r = 1; r <= n; r++) {
            double dx = Math.log(r) - mx;
            sxy += dx * (Math.log(sorted[sorted.length - r]) - my);
            sxx += dx * dx;
        }
        return -sxy / sxx;
    }
}
