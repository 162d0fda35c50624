package org.ouroboros.experiments.metrics;

/**
 * Principal components as MAUVE's reference implementation uses them before k-means: centre the rows,
 * find the covariance's eigenvectors (cyclic Jacobi rotations, exact for the symmetric matrix) and keep
 * the fewest leading components whose cumulative explained variance reaches a target.
 */
public final class Pca {
    private static final int MAX_SWEEPS = 100;

    private Pca() {
    }

    /**
     * The rows of {@code data} ({@code [n, d]}) centred and projected on the leading components that
     * together explain at least {@code explainedVariance} of the variance ({@code [n, k]}, k >= 1).
     */
    public static double[][] project(double[][] data, double explainedVariance) {
        int n = data.length;
        int d = data[0].length;
        double[] mean = new double[d];
        for (double[] row : data) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : data) {
            for (int i = 0; i < d; i++) {
                double ci = row[i] - mean[i];
                for (int j = i; j < d; j++) {
                    cov[i][j] += ci * (row[j] - mean[j]);
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                cov[i][j] /= Math.max(1, n - 1);
                cov[j][i] = cov[i][j];
            }
        }
        double[][] vectors = new double[d][d];
        double[] values = eigen(cov, vectors);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        int k = 0;
        double cumulative = 0;
        while (k < d) {
            cumulative += Math.max(0, values[order[k]]);
            k++;
            if (total <= 0 || cumulative / total >= explainedVariance) {
                break;
            }
        }
        double[][] out = new double[n][k];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                int e = order[c];
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += (data[r][j] - mean[j]) * vectors[j][e];
                }
                out[r][c] = s;
            }
        }
        return out;
    }

    /**
     * Eigenvalues of the symmetric {@code a} (destroyed); eigenvector i goes to column i of {@code vectors}.
     */
    static double[] eigen(double[][] a, double[][] vectors) {
        int d = a.length;
        for (int i = 0; i < d; i++) {
            java.util.Arrays.fill(vectors[i], 0);
            vectors[i][i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < d; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < d; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, vectors, p, q);
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = a[i][i];
        }
        return values;
    }

    /** One Jacobi rotation zeroing a[p][q]. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int d = a.length;
        for (int k = 0; k < d; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < d; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < d; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }
}
