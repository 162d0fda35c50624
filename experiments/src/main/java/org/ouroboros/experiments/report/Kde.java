package org.ouroboros.experiments.report;

import java.util.Arrays;

/**
 * A Gaussian kernel density estimate of values on a log10 axis (perplexities span decades), with
 * Silverman's rule-of-thumb bandwidth 0.9 min(sd, IQR/1.34) n^(-1/5): a smooth curve where a histogram
 * of a few hundred values is a jagged polygon. Densities are per unit of log10(value), so each curve
 * integrates to 1 over the axis it is drawn on.
 */
final class Kde {
    private Kde() {
    }

    /** log10 of every finite positive value, sorted. */
    static double[] log10(double[] values) {
        return Arrays.stream(values).filter(v -> Double.isFinite(v) && v > 0).map(Math::log10).sorted().toArray();
    }

    /** Silverman's bandwidth of sorted {@code x}; a small positive floor when the values (nearly) coincide. */
    static double bandwidth(double[] x) {
        int n = x.length;
        if (n < 2) {
            return 0.05;
        }
        double mean = Arrays.stream(x).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
        double iqr = quantile(x, 0.75) - quantile(x, 0.25);
        double spread = iqr > 0 ? Math.min(sd, iqr / 1.34) : sd;
        return Math.max(0.9 * spread * Math.pow(n, -0.2), 0.01);
    }

    /** The density of sorted {@code x} at each point of {@code grid}, bandwidth {@code h}. */
    static double[] density(double[] x, double[] grid, double h) {
        double[] d = new double[grid.length];
        if (x.length == 0) {
            return d;
        }
        double norm = 1.0 / (x.length * h * Math.sqrt(2 * Math.PI));
        for (int i = 0; i < grid.length; i++) {
            double s = 0;
            for (double v : x) {
                double z = (grid[i] - v) / h;
                if (z < 8 && z > -8) {
                    s += Math.exp(-0.5 * z * z);
                }
            }
            d[i] = s * norm;
        }
        return d;
    }

    /** {@code points} evenly spaced values from lo to hi. */
    static double[] grid(double lo, double hi, int points) {
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = lo + (hi - lo) * i / (points - 1);
        }
        return g;
    }

    /** The q-quantile of sorted {@code x} (linear interpolation, as numpy's default). */
    static double quantile(double[] x, double q) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double pos = q * (x.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(x.length - 1, lo + 1);
        return x[lo] + (pos - lo) * (x[hi] - x[lo]);
    }
}
