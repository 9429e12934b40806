package laminar.kernels;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Host side of the measures other than plain cosine, built on the backend's own cosine kernel so that every backend
 * reuses its fastest matrix product: the standardization across words happens here, then
 * <ul>
 *   <li>correlation = cosine of the rows after each row's mean (over features) is removed;</li>
 *   <li>dot products = cosine × ‖x_i‖ ‖x_j‖ (norms in double), giving the negative Euclidean distance
 *       {@code −sqrt(max(0, ‖x_i‖² + ‖x_j‖² − 2<x_i, x_j>))} and the centred Gram matrices of linear CKA.</li>
 * </ul>
 * Going through the float32 cosine costs about 1e-7 relative in each dot product, far below the tolerance of any
 * comparison made with these matrices.
 */
final class MeasureKernels {

    private MeasureKernels() {
    }

    static float[] similarity(KernelBackend backend, float[] rows, int m, int n, int d, Measure measure,
                              Standardize standardize) {
        Objects.requireNonNull(measure, "measure");
        Checks.nonNegative("m", m, "n", n, "d", d);
        Checks.length("rows", rows, (long) m * n * d, "[m][n][d]");
        float[] x = standardized(rows, m, n, d, standardize);
        return switch (measure) {
            case COSINE -> backend.cosineMatrices(x, m, n, d);
            case CORRELATION -> backend.cosineMatrices(rowCentred(x, m, n, d), m, n, d);
            case EUCLIDEAN -> negativeDistances(backend, x, m, n, d);
        };
    }

    /** Each feature (column) of each matrix standardized across its n words. Returns the input for NONE. */
    static float[] standardized(float[] rows, int m, int n, int d, Standardize standardize) {
        Objects.requireNonNull(standardize, "standardize");
        if (standardize == Standardize.NONE || n == 0) {
            return rows;
        }
        float[] out = new float[rows.length];
        IntStream.range(0, m).parallel().forEach(b -> {
            int base = b * n * d;
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    mean[k] += rows[base + i * d + k];
                }
            }
            for (int k = 0; k < d; k++) {
                mean[k] /= n;
            }
            double[] scale = new double[d];
            java.util.Arrays.fill(scale, 1.0);
            if (standardize == Standardize.ZSCORE) {
                double[] ss = new double[d];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        double dv = rows[base + i * d + k] - mean[k];
                        ss[k] += dv * dv;
                    }
                }
                for (int k = 0; k < d; k++) {
                    double sd = Math.sqrt(ss[k] / n);
                    scale[k] = sd > 0 ? 1.0 / sd : 0.0; // a constant feature carries nothing: 0
                }
            }
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    int at = base + i * d + k;
                    out[at] = (float) ((rows[at] - mean[k]) * scale[k]);
                }
            }
        });
        return out;
    }

    private static float[] rowCentred(float[] rows, int m, int n, int d) {
        float[] out = new float[rows.length];
        IntStream.range(0, m * n).parallel().forEach(r -> {
            int base = r * d;
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += rows[base + k];
            }
            double mean = s / d;
            for (int k = 0; k < d; k++) {
                out[base + k] = (float) (rows[base + k] - mean);
            }
        });
        return out;
    }

    private static float[] negativeDistances(KernelBackend backend, float[] x, int m, int n, int d) {
        double[] norms = norms(x, m * n, d);
        float[] cos = backend.cosineMatrices(x, m, n, d);
        IntStream.range(0, m).parallel().forEach(b -> {
            int base = b * n * n;
            for (int i = 0; i < n; i++) {
                double ni = norms[b * n + i];
                cos[base + i * n + i] = 0f; // a word is at distance 0 from itself
                for (int j = i + 1; j < n; j++) {
                    double nj = norms[b * n + j];
                    double sq = ni * ni + nj * nj - 2 * dot(cos[base + i * n + j], ni, nj);
                    float v = (float) -Math.sqrt(Math.max(0.0, sq));
                    cos[base + i * n + j] = v;
                    cos[base + j * n + i] = v;
                }
            }
        });
        return cos;
    }

    /**
     * Linear-CKA vectors: for each matrix X (n × d), the centred Gram matrix {@code K = (HX)(HX)ᵀ} as the vector of
     * its upper triangle with the diagonal ({@code K_ii}, then {@code √2·K_ij} for i &lt; j, row-major), scaled to unit
     * length. The Frobenius inner product of two centred Grams is then a plain dot product, so
     * {@code CKA(X, Y) = <v(X), v(Y)>}; a matrix whose Gram is zero gives a NaN vector.
     *
     * @return {@code [m][n(n+1)/2]}
     */
    static float[] ckaVectors(KernelBackend backend, float[] rows, int m, int n, int d) {
        Checks.nonNegative("m", m, "n", n, "d", d);
        Checks.length("rows", rows, (long) m * n * d, "[m][n][d]");
        int len = n * (n + 1) / 2;
        if ((long) m * len > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("CKA batch too large for Java arrays (m=" + m + ", n=" + n
                    + "); split it into fewer matrices per call");
        }
        float[] centred = standardized(rows, m, n, d, Standardize.CENTER);
        double[] norms = norms(centred, m * n, d);
        float[] cos = backend.cosineMatrices(centred, m, n, d);
        float[] out = new float[m * len];
        double root2 = Math.sqrt(2.0);
        IntStream.range(0, m).parallel().forEach(b -> {
            int base = b * n * n;
            double[] v = new double[len];
            double ss = 0;
            int at = 0;
            for (int i = 0; i < n; i++) {
                double ni = norms[b * n + i];
                for (int j = i; j < n; j++) {
                    double g = j == i ? ni * ni : root2 * dot(cos[base + i * n + j], ni, norms[b * n + j]);
                    v[at++] = g;
                    ss += g * g;
                }
            }
            double scale = 1.0 / Math.sqrt(ss);
            for (int k = 0; k < len; k++) {
                out[b * len + k] = (float) (v[k] * scale);
            }
        });
        return out;
    }

    /** {@code <v(X), v(Y)>} of two CKA vectors, summed in double. */
    static double dot(float[] a, int offA, float[] b, int offB, int len) {
        double s = 0;
        for (int k = 0; k < len; k++) {
            s += (double) a[offA + k] * b[offB + k];
        }
        return s;
    }

    /** A dot product from its cosine and the norms; 0 when a row is zero (its cosine is NaN). */
    private static double dot(float cos, double ni, double nj) {
        return ni == 0 || nj == 0 ? 0.0 : cos * ni * nj;
    }

    private static double[] norms(float[] x, int rowsCount, int d) {
        double[] norms = new double[rowsCount];
        IntStream.range(0, rowsCount).parallel().forEach(r -> {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double v = x[r * d + k];
                s += v * v;
            }
            norms[r] = Math.sqrt(s);
        });
        return norms;
    }
}
