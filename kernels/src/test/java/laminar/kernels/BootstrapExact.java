package laminar.kernels;

import java.math.BigDecimal;

/**
 * The bootstrap sums of a call computed exactly (BigDecimal, from the definition: pairs u &lt; v weighted c_u·c_v),
 * and the check that a kernel's output is within {@link RowDots#BOUND} of them relative to Σ|terms|.
 */
final class BootstrapExact {

    private BootstrapExact() {
    }

    /** {@code p} resamples within each category (as the inference draws them): word counts {@code [p][n]}. */
    static double[] withinResamples(int[] category, int p, java.util.Random r) {
        int n = category.length;
        double[] w = new double[p * n];
        for (int q = 0; q < p; q++) {
            for (int i = 0; i < n; i++) {
                int v;
                do {
                    v = r.nextInt(n);
                } while (category[v] != category[i]);
                w[q * n + v]++;
            }
        }
        return w;
    }

    /**
     * Asserts {@code sums} ({@code [m][p][8]}) and {@code cross} ({@code [pairs][p]}) within the bound of the exact
     * sums; returns the worst error relative to Σ|terms|.
     */
    static double check(double[] sums, double[] cross, float[] mats, float[] z, int m, int n, int[] category,
                        double[] weights, int p, int[] first, int[] second, String what) {
        double worst = 0;
        for (int q = 0; q < p; q++) {
            ResamplingAccuracyTest.Exact[][] e = new ResamplingAccuracyTest.Exact[m][8];
            ResamplingAccuracyTest.Exact[] c = new ResamplingAccuracyTest.Exact[first.length];
            for (int b = 0; b < m; b++) {
                for (int s = 0; s < 8; s++) {
                    e[b][s] = new ResamplingAccuracyTest.Exact();
                }
            }
            for (int k = 0; k < c.length; k++) {
                c[k] = new ResamplingAccuracyTest.Exact();
            }
            for (int u = 0; u < n; u++) {
                for (int v = u + 1; v < n; v++) {
                    BigDecimal w = BigDecimal.valueOf((long) weights[q * n + u] * (long) weights[q * n + v]);
                    if (w.signum() == 0) {
                        continue;
                    }
                    for (int b = 0; b < m; b++) {
                        BigDecimal x = new BigDecimal(mats[(b * n + u) * n + v]);
                        BigDecimal y = new BigDecimal(z[(b * n + u) * n + v]);
                        BigDecimal[] t = {w.multiply(x), w.multiply(x).multiply(x), w.multiply(y),
                            w.multiply(y).multiply(y)};
                        for (int s = 0; s < 4; s++) {
                            e[b][4 + s].add(t[s]);
                            if (category[u] == category[v]) {
                                e[b][s].add(t[s]);
                            }
                        }
                    }
                    for (int k = 0; k < c.length; k++) {
                        c[k].add(w.multiply(new BigDecimal(mats[(first[k] * n + u) * n + v]))
                                .multiply(new BigDecimal(mats[(second[k] * n + u) * n + v])));
                    }
                }
            }
            for (int b = 0; b < m; b++) {
                for (int s = 0; s < 8; s++) {
                    worst = Math.max(worst, e[b][s].check(sums[(b * p + q) * 8 + s],
                            what + ": bootstrap sum " + s + " of matrix " + b + ", resample " + q));
                }
            }
            for (int k = 0; k < c.length; k++) {
                worst = Math.max(worst, c[k].check(cross[k * p + q], what + ": bootstrap cross " + k + ", resample " + q));
            }
        }
        return worst;
    }
}
