package org.ouroboros.experiments.detect;

/**
 * Binary logistic regression fitted by Newton's method (iteratively reweighted least squares) on
 * standardised features with a small L2 penalty on the weights (not the intercept), so separable samples
 * still give finite weights. Deterministic: the same data give the same model.
 */
public final class LogisticRegression {
    private final double[] mean;
    private final double[] scale;
    private final double[] w;          // w[0] intercept, then one weight per feature
    private static final int MAX_ITER = 50;

    private LogisticRegression(double[] mean, double[] scale, double[] w) {
        this.mean = mean;
        this.scale = scale;
        this.w = w;
    }

    /** Fits {@code y} (0/1) on rows {@code x}; {@code l2} is the penalty on the standardised weights. */
    public static LogisticRegression fit(double[][] x, int[] y, double l2) {
        int n = x.length;
        if (n == 0 || n != y.length) {
            throw new IllegalArgumentException("need one label per row, got " + n + " rows and " + y.length + " labels");
        }
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 1e-24 ? Math.sqrt(scale[j]) : 1;    // a constant feature stays at 0
        }
        double[][] z = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            z[i][0] = 1;
            for (int j = 0; j < d; j++) {
                z[i][j + 1] = (x[i][j] - mean[j]) / scale[j];
            }
        }
        double[] w = new double[d + 1];
        for (int iter = 0; iter < MAX_ITER; iter++) {
            double[] grad = new double[d + 1];
            double[][] hess = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(dot(w, z[i]));
                double r = p * (1 - p);
                for (int a = 0; a <= d; a++) {
                    grad[a] += (p - y[i]) * z[i][a];
                    for (int b = 0; b <= d; b++) {
                        hess[a][b] += r * z[i][a] * z[i][b];
                    }
                }
            }
            for (int a = 1; a <= d; a++) {
                grad[a] += l2 * w[a];
                hess[a][a] += l2;
            }
            hess[0][0] += 1e-9;
            double[] step = solve(hess, grad);
            double change = 0;
            for (int a = 0; a <= d; a++) {
                w[a] -= step[a];
                change = Math.max(change, Math.abs(step[a]));
            }
            if (change < 1e-10) {
                break;
            }
        }
        return new LogisticRegression(mean, scale, w);
    }

    /** P(y = 1 | features). */
    public double probability(double[] features) {
        double s = w[0];
        for (int j = 0; j < mean.length; j++) {
            s += w[j + 1] * (features[j] - mean[j]) / scale[j];
        }
        return sigmoid(s);
    }

    /** Intercept and weights on the standardised features. */
    public double[] weights() {
        return w.clone();
    }

    private static double sigmoid(double s) {
        return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Solves {@code a x = b} by Gaussian elimination with partial pivoting (a is copied). */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] t = m[col];
            m[col] = m[pivot];
            m[pivot] = t;
            if (m[col][col] == 0) {
                continue;
            }
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = m[i][n];
            for (int j = i + 1; j < n; j++) {
                s -= m[i][j] * x[j];
            }
            x[i] = m[i][i] == 0 ? 0 : s / m[i][i];
        }
        return x;
    }
}
