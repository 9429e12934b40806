package laminar.kernels;

/** Independent, deliberately simple reference computations for the kernel tests. */
final class NaiveKernels {

    private NaiveKernels() {
    }

    /** Sequential double dot products and norms, one matrix at a time, no symmetry, no blocking. */
    static double[] cosineSequential(float[] rows, int m, int n, int d) {
        double[] out = new double[m * n * n];
        for (int b = 0; b < m; b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    double ni = 0;
                    double nj = 0;
                    for (int k = 0; k < d; k++) {
                        double xi = rows[(b * n + i) * d + k];
                        double xj = rows[(b * n + j) * d + k];
                        dot += xi * xj;
                        ni += xi * xi;
                        nj += xj * xj;
                    }
                    out[(b * n + i) * n + j] = dot / (Math.sqrt(ni) * Math.sqrt(nj));
                }
            }
        }
        return out;
    }

    /**
     * The documented canonical order, written out directly: each row scaled by the power of two that puts its
     * largest magnitude in [0.5, 1); per panel of 128 columns eight float partial sums f[k % 8] = fma(x, y, f)
     * in increasing k, then D[l] += (double) f[l] + (double) f[l + 4]; dot = (D0 + D1) + (D2 + D3); norms as eight
     * double partial sums of squares combined pairwise; the cosine clamped to [-1, 1] and rounded to float.
     * Expected bit for bit.
     */
    static float[] cosineCanonical(float[] rows, int m, int n, int d) {
        float[] out = new float[m * n * n];
        for (int b = 0; b < m; b++) {
            float[][] x = new float[n][];
            double[] norm = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = scaled(rows, (b * n + i) * d, d);
                double[] s = new double[8];
                for (int k = 0; k < d; k++) {
                    s[k % 8] += (double) x[i][k] * x[i][k];
                }
                norm[i] = Math.sqrt(((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])));
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double c = panelDot(x[i], x[j]) / (norm[i] * norm[j]);
                    out[(b * n + i) * n + j] = (float) Math.max(-1.0, Math.min(1.0, c));
                }
            }
        }
        return out;
    }

    private static float[] scaled(float[] rows, int off, int d) {
        float max = 0;
        for (int k = 0; k < d; k++) {
            max = Math.max(max, Math.abs(rows[off + k]));
        }
        float[] x = new float[d];
        for (int k = 0; k < d; k++) {
            x[k] = max > 0 && Float.isFinite(max) ? (float) Math.scalb((double) rows[off + k], -Math.getExponent(max) - 1)
                    : rows[off + k];
        }
        return x;
    }

    private static double panelDot(float[] x, float[] y) {
        double[] sums = new double[4];
        for (int p = 0; p < x.length; p += 128) {
            float[] f = new float[8];
            for (int k = p; k < Math.min(x.length, p + 128); k++) {
                f[k % 8] = Math.fma(x[k], y[k], f[k % 8]);
            }
            for (int l = 0; l < 4; l++) {
                sums[l] += (double) f[l] + (double) f[l + 4];
            }
        }
        return (sums[0] + sums[1]) + (sums[2] + sums[3]);
    }

    /** Pearson r by the textbook formula on double copies. */
    static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double num = 0;
        double dx = 0;
        double dy = 0;
        for (int i = 0; i < n; i++) {
            num += (x[i] - mx) * (y[i] - my);
            dx += (x[i] - mx) * (x[i] - mx);
            dy += (y[i] - my) * (y[i] - my);
        }
        return num / Math.sqrt(dx * dy);
    }

    /** The strict upper triangle of matrix b in np.triu_indices(n, 1) order. */
    static double[] upperTriangle(float[] cos, int b, int n) {
        double[] v = new double[n * (n - 1) / 2];
        int p = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                v[p++] = cos[(b * n + i) * n + j];
            }
        }
        return v;
    }
}
