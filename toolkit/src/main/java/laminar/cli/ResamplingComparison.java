package laminar.cli;

import laminar.kernels.KernelBackend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The permutation and bootstrap kernels for {@code compare-backends}: a few seeded permutations, relabellings and
 * resample weights on the comparison's cosine matrices (few, because each one costs a pass over every matrix).
 */
final class ResamplingComparison {

    /** Permutations and resamples per call. */
    static final int DRAWS = 2;

    private ResamplingComparison() {
    }

    /** Kernel name → run, on {@code cos} ({@code [m][n][n]}) with the words' {@code categories}. */
    static Map<String, Function<KernelBackend, Object>> kernels(float[] cos, int m, int n, int[] categories, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] perms = new int[DRAWS * n];
        int[] labels = new int[DRAWS * n];
        double[] weights = new double[DRAWS * n];
        for (int q = 0; q < DRAWS; q++) {
            for (int i = 0; i < n; i++) {
                perms[q * n + i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perms[q * n + i];
                perms[q * n + i] = perms[q * n + j];
                perms[q * n + j] = t;
            }
            for (int i = 0; i < n; i++) {
                labels[q * n + i] = categories[perms[q * n + i]];
                weights[q * n + r.nextInt(n)]++;
            }
        }
        int pairs = Math.max(1, m - 1);
        int[] first = new int[pairs];
        int[] second = new int[pairs];
        for (int k = 0; k < pairs; k++) {
            first[k] = k;
            second[k] = Math.min(k + 1, m - 1);
        }
        Map<String, Function<KernelBackend, Object>> out = new LinkedHashMap<>();
        out.put("perm_within", k -> k.permutedWithinSums(cos, m, n, labels, DRAWS));
        out.put("perm_cross", k -> k.permutedCrossSums(cos, m, n, first, second, perms, DRAWS));
        out.put("boot_sums", k -> k.bootstrapSums(cos, cos, m, n, categories, weights, DRAWS));
        out.put("boot_cross", k -> k.bootstrapCrossSums(cos, m, n, first, second, weights, DRAWS));
        if (m % 3 == 0) { // the batch as InferencePass prepares it (the Java backend: triples in its SIMD lanes)
            int triples = m / 3;
            out.put("triples_within", k -> k.tripleResampling(cos, cos, triples, n).permutedWithinSums(labels, DRAWS));
            out.put("triples_cross", k -> k.tripleResampling(cos, cos, triples, n).permutedCrossSums(perms, DRAWS));
            out.put("triples_boot", k -> {
                laminar.kernels.TripleResampling.Bootstrap b = k.tripleResampling(cos, cos, triples, n)
                        .bootstrap(categories, weights, DRAWS);
                double[] both = java.util.Arrays.copyOf(b.sums(), b.sums().length + b.cross().length);
                System.arraycopy(b.cross(), 0, both, b.sums().length, b.cross().length);
                return both;
            });
        }
        return out;
    }
}
