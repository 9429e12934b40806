package laminar.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The permutation and bootstrap kernels against direct loops over the permuted or resampled word pairs (the
 * definitions, written out, in double), for both engines, within the proven bound ({@link RowDots#BOUND} times the sum
 * of the terms' absolute values); and the argument checks. {@link ResamplingAccuracyTest} has the adversarial inputs,
 * the ties and the engines' bit equality.
 */
class ResamplingKernelsTest {

    private static final int N = 23;
    private static final int M = 4;
    private static final int P = 37; // crosses the kernels' block of 16
    private static final Random RANDOM = new Random(11);
    private static final float[] COS = symmetric(M, N);
    private static final int[] CATEGORY = categories(N);
    private static final float[] Z = new JavaKernels().fisherZ(COS);

    private static float[] symmetric(int m, int n) {
        float[] a = new float[m * n * n];
        for (int b = 0; b < m; b++) {
            for (int i = 0; i < n; i++) {
                a[(b * n + i) * n + i] = 1;
                for (int j = i + 1; j < n; j++) {
                    float v = (float) (0.4 + 0.2 * RANDOM.nextGaussian());
                    a[(b * n + i) * n + j] = v;
                    a[(b * n + j) * n + i] = v;
                }
            }
        }
        return a;
    }

    /**
     * {@code actual} within the proven bound of the exact sum; {@code expected} is that sum in double (≤ n² terms,
     * off by less than 1e-12 of {@code magnitude}, the sum of the terms' absolute values), hence the small slack.
     */
    static void assertBound(double actual, double expected, double magnitude) {
        assertThat(actual).isCloseTo(expected, within((RowDots.BOUND + 1e-12) * magnitude + Double.MIN_VALUE));
    }

    private static int[] categories(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = new int[] {7, 2, 5}[i % 3]; // any codes, any order
        }
        return c;
    }

    /** {@code p} random permutations of 0..n−1 (Fisher–Yates, one after the other), {@code [p][n]}. */
    static int[] permutations(Random random, int p, int n) {
        int[] out = new int[p * n];
        for (int q = 0; q < p; q++) {
            for (int i = 0; i < n; i++) {
                out[q * n + i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = out[q * n + i];
                out[q * n + i] = out[q * n + j];
                out[q * n + j] = t;
            }
        }
        return out;
    }

    /**
     * Every Mantel cross sum in {@code out} ({@code [pairs][p]}) within the proven bound of its definition,
     * {@code Σ_{i<j} A[i][j]·B[π(i)][π(j)]} (A = first[k], B = second[k], π = permutation q), summed in double.
     */
    static void assertCrossSums(double[] out, float[] cos, int n, int[] first, int[] second, int[] perms, int p) {
        for (int k = 0; k < first.length; k++) {
            for (int q = 0; q < p; q++) {
                double s = 0;
                double abs = 0;
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        int pi = perms[q * n + i];
                        int pj = perms[q * n + j];
                        double t = (double) cos[(first[k] * n + i) * n + j] * cos[(second[k] * n + pi) * n + pj];
                        s += t;
                        abs += Math.abs(t);
                    }
                }
                assertBound(out[k * p + q], s, abs);
            }
        }
    }

    private static ResamplingKernels[] engines() {
        // threshold 0: each engine at every n (the host instance runs small n on the plain engine)
        return new ResamplingKernels[] {new ResamplingKernels(new ScalarRowDots(), 0), new ResamplingKernels(RowDots.best(), 0)};
    }

    @Test
    void withinSumsOfRelabellingsAreTheDirectSums() {
        int[] perms = permutations(RANDOM, P, N);
        int[] labels = new int[P * N];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = CATEGORY[perms[k]];
        }
        for (ResamplingKernels engine : engines()) {
            double[] out = engine.permutedWithinSums(COS, M, N, labels, P);
            double[] fused = engine.permutedWithinSums(COS, Z, M, N, labels, P);
            for (int b = 0; b < M; b++) {
                for (int q = 0; q < P; q++) {
                    double s = 0;
                    double abs = 0;
                    double s2 = 0;
                    double zs = 0;
                    double zabs = 0;
                    double z2 = 0;
                    for (int i = 0; i < N; i++) {
                        for (int j = i + 1; j < N; j++) {
                            if (labels[q * N + i] == labels[q * N + j]) {
                                double v = COS[(b * N + i) * N + j];
                                double z = Z[(b * N + i) * N + j];
                                s += v;
                                abs += Math.abs(v);
                                s2 += v * v;
                                zs += z;
                                zabs += Math.abs(z);
                                z2 += z * z;
                            }
                        }
                    }
                    int o = (b * P + q) * 2;
                    assertBound(out[o], s, abs);
                    assertBound(out[o + 1], s2, s2);
                    assertThat(fused[2 * o]).as("fused cos sum").isEqualTo(out[o]);
                    assertThat(fused[2 * o + 1]).as("fused cos² sum").isEqualTo(out[o + 1]);
                    assertBound(fused[2 * o + 2], zs, zabs);
                    assertBound(fused[2 * o + 3], z2, z2);
                }
            }
        }
    }

    @Test
    void crossSumsPermuteTheSecondMatrix() {
        int[] perms = permutations(RANDOM, P, N);
        int[] first = {0, 0, 1, 3};
        int[] second = {1, 2, 2, 2};
        for (ResamplingKernels engine : engines()) {
            double[] out = engine.permutedCrossSums(COS, M, N, first, second, perms, P);
            assertCrossSums(out, COS, N, first, second, perms, P);
        }
    }

    @Test
    void bootstrapSumsCountEachPairOfDistinctDrawnWordsOnce() {
        int r = 19;
        int[][] drawn = new int[r][N];
        double[] weights = new double[r * N];
        for (int q = 0; q < r; q++) {
            for (int i = 0; i < N; i++) {
                int w;
                do {
                    w = RANDOM.nextInt(N);
                } while (CATEGORY[w] != CATEGORY[i]);
                drawn[q][i] = w;
                weights[q * N + w]++;
            }
        }
        float[] z = Z;
        int[] first = {0, 1};
        int[] second = {2, 3};
        for (ResamplingKernels engine : engines()) {
            double[] sums = engine.bootstrapSums(COS, z, M, N, CATEGORY, weights, r);
            double[] cross = engine.bootstrapCrossSums(COS, M, N, first, second, weights, r);
            for (int q = 0; q < r; q++) {
                double[][] expected = new double[M][8];
                double[][] magnitude = new double[M][8];
                double[] expectedCross = new double[first.length];
                double[] crossMagnitude = new double[first.length];
                // the resample's pairs of positions a < b, leaving out a word paired with its own copy
                for (int a = 0; a < N; a++) {
                    for (int b2 = a + 1; b2 < N; b2++) {
                        int u = drawn[q][a];
                        int v = drawn[q][b2];
                        if (u == v) {
                            continue;
                        }
                        boolean within = CATEGORY[u] == CATEGORY[v];
                        for (int b = 0; b < M; b++) {
                            double c = COS[(b * N + u) * N + v];
                            double zz = z[(b * N + u) * N + v];
                            double[] f = {c, c * c, zz, zz * zz};
                            for (int t = 0; t < 4; t++) {
                                expected[b][4 + t] += f[t];
                                magnitude[b][4 + t] += Math.abs(f[t]);
                                if (within) {
                                    expected[b][t] += f[t];
                                    magnitude[b][t] += Math.abs(f[t]);
                                }
                            }
                        }
                        for (int k = 0; k < first.length; k++) {
                            double t = (double) COS[(first[k] * N + u) * N + v] * COS[(second[k] * N + u) * N + v];
                            expectedCross[k] += t;
                            crossMagnitude[k] += Math.abs(t);
                        }
                    }
                }
                for (int b = 0; b < M; b++) {
                    for (int t = 0; t < 8; t++) {
                        assertBound(sums[(b * r + q) * 8 + t], expected[b][t], magnitude[b][t]);
                    }
                }
                for (int k = 0; k < first.length; k++) {
                    assertBound(cross[k * r + q], expectedCross[k], crossMagnitude[k]);
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        int[] perms = permutations(RANDOM, P, N);
        double[] parallel = ResamplingKernels.host().permutedCrossSums(COS, M, N, new int[] {0}, new int[] {1}, perms, P);
        double[][] single = new double[1][];
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            single[0] = one.submit(() -> ResamplingKernels.host()
                    .permutedCrossSums(COS, M, N, new int[] {0}, new int[] {1}, perms, P)).get();
        } finally {
            one.shutdown();
        }
        assertThat(single[0]).containsExactly(parallel);
    }

    @Test
    void badArgumentsAreRefusedWithTheFix() {
        KernelBackend k = new JavaKernels();
        assertThatThrownBy(() -> k.permutedWithinSums(COS, M, N, new int[N], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one category code per word");
        int[] notAPermutation = new int[N];
        assertThatThrownBy(() -> k.permutedCrossSums(COS, M, N, new int[] {0}, new int[] {1}, notAPermutation, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> k.bootstrapCrossSums(COS, M, N, new int[] {0}, new int[] {M}, new double[N], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> k.bootstrapSums(COS, COS, M, N, CATEGORY, new double[N + 1], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one count per word");
    }
}
