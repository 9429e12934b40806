package laminar.analysis.inference;

import laminar.kernels.GroupMoments;
import laminar.kernels.stats.Selectivity;

/**
 * The statistics from pair sums: the kernels return sums (Σ v, Σ v² within a category and over all pairs, Σ a·b),
 * from which the selectivity triple and the RSA follow. Counts may be weighted (bootstrap: a pair of distinct words
 * counts c_u·c_v times). The one-pass moments cancel (Σv² − (Σv)²/N): the sums are of the matrices minus their
 * means ({@link ShiftedMatrices}), values centred near 0 whose sums of squares are of the order of the variance
 * itself; unshifted, an anisotropic layer (cosines 0.9999 ± 0.0001) would lose every digit of it.
 */
final class SumStatistics {

    private SumStatistics() {
    }

    /**
     * Within/across moments from within and total sums.
     *
     * @param nw within pair count; {@code n} all pairs
     */
    static Selectivity selectivity(double nw, double w1, double w2, double n, double t1, double t2) {
        double na = n - nw;
        double a1 = t1 - w1;
        double a2 = t2 - w2;
        GroupMoments g = new GroupMoments((long) nw, w1 / nw, Math.max(0, w2 - w1 * w1 / nw),
                (long) na, a1 / na, Math.max(0, a2 - a1 * a1 / na));
        return Selectivity.of(g);
    }

    /** Pearson r from the sums over N pairs (clipped to [−1, 1]; NaN for a constant side). */
    static double pearson(double n, double sa, double saa, double sb, double sbb, double sab) {
        double cov = sab - sa * sb / n;
        double r = cov / Math.sqrt(Math.max(0, saa - sa * sa / n) * Math.max(0, sbb - sb * sb / n));
        return Double.isNaN(r) ? r : Math.max(-1, Math.min(1, r));
    }

    /** {@code Σ_{u<v} c_u c_v} over pairs of distinct words, i.e. ((Σc)² − Σc²) / 2. */
    static double pairCount(double[] weights, int offset, int n, int[] category, int code) {
        double s = 0;
        double q = 0;
        for (int v = 0; v < n; v++) {
            if (category == null || category[v] == code) {
                double c = weights[offset + v];
                s += c;
                q += c * c;
            }
        }
        return (s * s - q) / 2;
    }
}
