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
     * The documented canonical order, written out directly: partial sum l takes k ≡ l (mod 8) in increasing k,
     * combined ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)); the result rounded to float. Expected bit for bit.
     */
    static float[] cosineCanonical(float[] rows, int m, int n, int d) {
        float[] out = new float[m * n * n];
        for (int b = 0; b < m; b++) {
            double[] norm = new double[n];
            for (int i = 0; i < n; i++) {
                norm[i] = Math.sqrt(canonicalDot(rows, (b * n + i) * d, (b * n + i) * d, d));
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double dot = canonicalDot(rows, (b * n + i) * d, (b * n + j) * d, d);
                    out[(b * n + i) * n + j] = (float) (dot / (norm[i] * norm[j]));
                }
            }
        }
        return out;
    }

    private static double canonicalDot(float[] x, int a, int c, int d) {
        double[] s = new double[8];
        for (int k = 0; k < d; k++) {
            s[k % 8] += (double) x[a + k] * (double) x[c + k];
        }
        return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
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
