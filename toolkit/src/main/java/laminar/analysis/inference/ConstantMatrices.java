package laminar.analysis.inference;

import laminar.kernels.stats.Selectivity;

/**
 * Which matrices of a batch have one value in every word pair (the upper triangle), for the cosines and for their
 * Fisher-z values. Such a matrix has no variance: Parts 6 and 7b report a difference of exactly 0 and an undefined
 * t, and a correlation with it is undefined. The inference must say the same, not read its sums' rounding residue
 * as data: the kernels' float32 sums of n² equal values are within {@code RowDots.BOUND} of the exact ones, so
 * Σv² − (Σv)²/N is a residue of either sign that turns the t into noise of any size, which would also enter the
 * family's maximum and change every other layer's family-wise p.
 *
 * <p>Seen with layer 0 of a model whose words all end in the same token (its Q, K and V there depend on the last
 * token only). The check stops at the first value that differs from the first pair's, so it costs nothing for a
 * matrix with data in it.
 *
 * @param cos   per matrix of the batch, whether its cosines are constant
 * @param z     per matrix, whether its Fisher-z values are constant
 * @param value per matrix, its one value in the matrices checked (InferencePass checks the shifted ones,
 *              {@link ShiftedMatrices}: there 0, and it adds the shift back to the average; NaN where not constant)
 */
record ConstantMatrices(boolean[] cos, boolean[] z, double[] value) {

    /** The constant ones among {@code m} matrices {@code [m][n][n]} and among their Fisher-z values. */
    static ConstantMatrices of(float[] cos, float[] z, int m, int n) {
        boolean[] c = new boolean[m];
        boolean[] cz = new boolean[m];
        double[] value = new double[m];
        for (int b = 0; b < m; b++) {
            c[b] = constant(cos, b * n * n, n);
            cz[b] = constant(z, b * n * n, n);
            value[b] = c[b] && n > 1 ? cos[b * n * n + 1] : Double.NaN;
        }
        return new ConstantMatrices(c, cz, value);
    }

    /** Whether every value of the strict upper triangle equals the first (true with no pair at all). */
    static boolean constant(float[] a, int base, int n) {
        if (n < 2) {
            return true;
        }
        float first = a[base + 1];
        for (int u = 0; u < n - 1; u++) {
            int row = base + u * n;
            for (int v = u + 1; v < n; v++) {
                if (a[row + v] != first) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Matrix {@code mat}'s selectivity from its cosines' within and total sums ({@link SumStatistics#selectivity});
     * for a constant matrix what Part 6 gives (two-pass moments of equal values: a variance of exactly 0):
     * difference 0, t undefined, average the value, in every relabelling and resample.
     */
    Selectivity cosines(int mat, double nw, double w1, double w2, double n, double t1, double t2) {
        return cos[mat] ? new Selectivity(0, Double.NaN, value[mat]) : SumStatistics.selectivity(nw, w1, w2, n, t1, t2);
    }

    /** The same from the Fisher-z values' sums (Part 7b): only its t is used, undefined for a constant matrix. */
    Selectivity fisherZ(int mat, double nw, double w1, double w2, double n, double t1, double t2) {
        return z[mat] ? new Selectivity(0, Double.NaN, Double.NaN) : SumStatistics.selectivity(nw, w1, w2, n, t1, t2);
    }

    /** Whether matrix a or b is constant: their correlation (the RSA) is undefined. */
    boolean either(int a, int b) {
        return cos[a] || cos[b];
    }
}
