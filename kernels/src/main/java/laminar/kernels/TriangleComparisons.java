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
        double[] out = new double[first.length];
        IntStream.range(0, first.length).parallel().forEach(p -> out[p] =
                of(triangle(mats, first[p], n), triangle(mats, second[p], n), compare));
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
        IntStream.range(0, m).parallel().forEach(b -> out[b] = of(triangle(mats, b, n), model, compare));
        return out;
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
