package laminar.analysis.inference;

import laminar.kernels.RankCorrelation;

import java.util.stream.IntStream;

/**
 * The Mantel test under the rank comparisons. Permuting the words permutes the entries of a matrix's upper triangle
 * among themselves, so their ranks move with them: Spearman's Mantel statistic is Pearson's on matrices whose
 * entries are replaced by their ranks ({@link #rankMatrices}), and the kernels' cross sums serve unchanged. Kendall's
 * τa has no such sum form; it is computed for each permutation directly (O(m log m) each).
 */
final class RankMantel {

    private RankMantel() {
    }

    /** Each matrix with its upper-triangle entries replaced by their average ranks (mirrored; diagonal 0). */
    static float[] rankMatrices(float[] mats, int m, int n) {
        float[] out = new float[mats.length];
        IntStream.range(0, m).parallel().forEach(b -> {
            double[] ranks = RankCorrelation.averageRanks(triangle(mats, b * n * n, n, null, 0));
            int at = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    float r = (float) ranks[at++]; // half-integers below 2^23: exact in float32
                    out[b * n * n + i * n + j] = r;
                    out[b * n * n + j * n + i] = r;
                }
            }
        });
        return out;
    }

    /** τa between matrix {@code a}'s upper triangle and matrix {@code b}'s with its words permuted by π. */
    static double kendall(float[] mats, int n, int a, int b, int[] perms, int off) {
        return RankCorrelation.kendallTauA(triangle(mats, a * n * n, n, null, 0),
                triangle(mats, b * n * n, n, perms, off));
    }

    /** Upper triangle of the matrix at {@code base}, entry (i, j) read at (π(i), π(j)) when {@code perms} is given. */
    private static float[] triangle(float[] mats, int base, int n, int[] perms, int off) {
        float[] t = new float[n * (n - 1) / 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            int pi = perms == null ? i : perms[off + i];
            for (int j = i + 1; j < n; j++) {
                int pj = perms == null ? j : perms[off + j];
                t[at++] = mats[base + pi * n + pj];
            }
        }
        return t;
    }
}
