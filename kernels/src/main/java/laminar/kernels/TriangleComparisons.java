package laminar.kernels;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Host implementation of the comparisons of strict upper triangles (k = 1, row-major as
 * {@code np.triu_indices(n, 1)}) under every {@link Compare}: between pairs of matrices (RSA) and between each
 * matrix and the categorical model (same category 1, different 0). Used by every backend's default methods.
 */
final class TriangleComparisons {

    private TriangleComparisons() {
    }

    static double[] pairs(KernelBackend backend, float[] mats, int m, int n, int[] first, int[] second,
                          Compare compare) {
        Objects.requireNonNull(compare, "compare");
        if (compare == Compare.PEARSON) {
            return backend.rsa(mats, m, n, first, second); // the notebook's numbers, bit for bit
        }
        Checks.length("matrices", mats, (long) m * n * n, "[m][n][n]");
        if (first.length != second.length) {
            throw new IllegalArgumentException("first has " + first.length + " indices but second has "
                    + second.length + "; pass one index pair per comparison");
        }
        // Each matrix's ranks once, not once per pair it is in (a sort of m ≈ 2 million values at 2,000 words).
        Object[] ranked = new Object[m];
        boolean[] used = new boolean[m];
        for (int p = 0; p < first.length; p++) {
            used[first[p]] = true;
            used[second[p]] = true;
        }
        IntStream.range(0, m).parallel().filter(b -> used[b]).forEach(b -> ranked[b] = ranks(triangle(mats, b, n),
                compare));
        double[] out = new double[first.length];
        IntStream.range(0, first.length).parallel().forEach(p -> out[p] = ofRanks(ranked[first[p]],
                ranked[second[p]]));
        return out;
    }

    static double[] categoryFit(float[] mats, int m, int n, int[] category, Compare compare) {
        Objects.requireNonNull(compare, "compare");
        Checks.length("matrices", mats, (long) m * n * n, "[m][n][n]");
        if (category.length != n) {
            throw new IllegalArgumentException("category has " + category.length + " codes but the matrices have "
                    + n + " words; pass one category code per word");
        }
        float[] model = new float[n * (n - 1) / 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                model[at++] = category[i] == category[j] ? 1f : 0f;
            }
        }
        double[] out = new double[m];
        if (compare == Compare.PEARSON) {
            IntStream.range(0, m).parallel().forEach(b -> out[b] = of(triangle(mats, b, n), model, compare));
            return out;
        }
        Object modelRanks = ranks(model, compare);
        IntStream.range(0, m).parallel().forEach(b -> out[b] = ofRanks(ranks(triangle(mats, b, n), compare),
                modelRanks));
        return out;
    }

    /**
     * What a rank comparison needs of one vector: average ranks (Spearman), dense ranks (Kendall), or null when
     * the vector holds a NaN (the comparison is then NaN, as scipy's).
     */
    private static Object ranks(float[] v, Compare compare) {
        for (float f : v) {
            if (Float.isNaN(f)) {
                return null;
            }
        }
        return compare == Compare.SPEARMAN ? RankCorrelation.averageRanks(v) : RankCorrelation.denseRanks(v);
    }

    private static double ofRanks(Object a, Object b) {
        if (a == null || b == null || (a instanceof double[] x && x.length < 2)
                || (a instanceof int[] y && y.length < 2)) {
            return Double.NaN;
        }
        return a instanceof double[] x ? RankCorrelation.pearson(x, (double[]) b)
                : RankCorrelation.kendallTauA((int[]) a, (int[]) b);
    }

    static double of(float[] x, float[] y, Compare compare) {
        return switch (compare) {
            case PEARSON -> RankCorrelation.pearson(widen(x), widen(y));
            case SPEARMAN -> RankCorrelation.spearman(x, y);
            case KENDALL_TAU_A -> RankCorrelation.kendallTauA(x, y);
        };
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** The strict upper triangle of matrix {@code b}. */
    static float[] triangle(float[] mats, int b, int n) {
        float[] out = new float[n * (n - 1) / 2];
        int base = b * n * n;
        int at = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(mats, base + i * n + i + 1, out, at, n - i - 1);
            at += n - i - 1;
        }
        return out;
    }
}
