package org.ouroboros.experiments.report;

import java.util.List;

/**
 * Histogram bins shared by several histograms so they can be overlaid: logarithmically spaced when the
 * values span more than a factor of 10 (perplexities do), linear otherwise. Densities are per unit of the
 * axis the bins are even in (log10 of the value for log bins), so each histogram integrates to 1.
 *
 * @param edges bin edges, ascending, one more than the number of bins
 * @param log   whether the bins are even in log10
 */
public record Bins(double[] edges, boolean log) {
    /** {@code count} bins covering every value in {@code samples} (finite, positive for log bins). */
    public static Bins covering(List<double[]> samples, int count) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] s : samples) {
            for (double v : s) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            throw new IllegalArgumentException("no values to bin");
        }
        if (min == max) {
            min = min - 0.5;
            max = max + 0.5;
        }
        boolean log = min > 0 && max / min > 10;
        double lo = log ? Math.log10(min) : min;
        double hi = log ? Math.log10(max) : max;
        double[] edges = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            double e = lo + (hi - lo) * i / count;
            edges[i] = log ? Math.pow(10, e) : e;
        }
        edges[0] = Math.min(edges[0], min);
        edges[count] = Math.max(edges[count], max);
        return new Bins(edges, log);
    }

    /** Number of bins. */
    public int count() {
        return edges.length - 1;
    }

    /** Bin centres: geometric for log bins, arithmetic otherwise. */
    public double[] centres() {
        double[] c = new double[count()];
        for (int i = 0; i < c.length; i++) {
            c[i] = log ? Math.sqrt(edges[i] * edges[i + 1]) : (edges[i] + edges[i + 1]) / 2;
        }
        return c;
    }

    /** Density of {@code values} in each bin: fraction of values / bin width on the binned axis. */
    public double[] density(double[] values) {
        double[] counts = new double[count()];
        for (double v : values) {
            counts[index(v)]++;
        }
        for (int i = 0; i < counts.length; i++) {
            double width = log ? Math.log10(edges[i + 1]) - Math.log10(edges[i]) : edges[i + 1] - edges[i];
            counts[i] = values.length == 0 ? 0 : counts[i] / values.length / width;
        }
        return counts;
    }

    private int index(double v) {
        int lo = 0;
        int hi = count() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (edges[mid] <= v) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
