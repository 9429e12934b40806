package laminar.kernels.tornado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The permutation and bootstrap kernels on the device agree with the reference ({@link JavaKernels}, i.e. the host
 * code of {@code laminar.kernels.ResamplingKernels}): bit for bit when every partial sum is exact (dyadic values,
 * integer counts), otherwise within the host's proven bound ({@link JavaKernels#RESAMPLING_RELATIVE_BOUND} of the
 * sum of the terms' absolute values: the host sums float32 panels, the device sums in double) plus 1e-12 relative
 * (the two add in different orders); and a repeated call gives the same bits. Small sizes (n = 3, 17; at most 5 draws) so that PoCL compiles and runs them quickly.
 */
class TornadoResamplingTest {

    /** Relative tolerance of sums of ≤ n²/2 double terms added in another order (on top of the host's bound). */
    private static final double REL_TOL = 1e-12;

    private static TornadoKernels tornado;
    private static JavaKernels java;

    @BeforeAll
    static void start() {
        TornadoAssumptions.requireTornado();
        tornado = new TornadoKernels();
        java = new JavaKernels();
    }

    @AfterAll
    static void stop() {
        if (tornado != null) {
            tornado.close();
        }
    }

    @ParameterizedTest(name = "m={0} n={1} draws={2}")
    @CsvSource({"1, 3, 2", "6, 17, 5"})
    void randomCosinesAgreeWithJavaAndRepeatBitForBit(int m, int n, int draws) {
        Draws d = new Draws(m, n, draws, 11L * m + n);
        float[] cos = TornadoKernelsTest.activations(m, n, n, 3L * n); // any values in [-1, 1] do
        float[] z = java.fisherZ(cos);
        double[][] device = d.run(tornado, cos, z);
        double[][] host = d.run(java, cos, z);
        double[][] magnitude = d.run(java, abs(cos), abs(z));
        for (int k = 0; k < Draws.KERNELS.length; k++) {
            assertRelClose(device[k], host[k], magnitude[k], Draws.KERNELS[k]);
        }
        double[][] again = d.run(tornado, cos, z);
        for (int k = 0; k < Draws.KERNELS.length; k++) {
            assertThat(again[k]).as(Draws.KERNELS[k] + " repeated").isEqualTo(device[k]);
        }
    }

    @Test
    void exactSumsAreBitIdenticalToJava() {
        int m = 6;
        int n = 17;
        Draws d = new Draws(m, n, 5, 99);
        // Multiples of 1/64 in [-1, 1]: products and sums of a few thousand of them are exact in double, so the
        // order of the additions cannot matter and the two backends must give the same bits.
        SplittableRandom r = new SplittableRandom(5);
        float[] cos = new float[m * n * n];
        float[] z = new float[m * n * n];
        for (int i = 0; i < cos.length; i++) {
            cos[i] = (r.nextInt(129) - 64) / 64f;
            z[i] = (r.nextInt(129) - 64) / 32f;
        }
        double[][] device = d.run(tornado, cos, z);
        double[][] host = d.run(java, cos, z);
        for (int k = 0; k < Draws.KERNELS.length; k++) {
            assertThat(device[k]).as(Draws.KERNELS[k]).isEqualTo(host[k]);
        }
    }

    @Test
    void directSumsOfOnePermutationAndOneResample() {
        // Independent of both backends: the sums written out pair by pair for n = 3.
        int n = 3;
        float[] cos = {1, 0.5f, -0.25f, 0.5f, 1, 0.75f, -0.25f, 0.75f, 1};
        int[] labels = {4, 9, 4};                      // pairs (0,2) share a label
        assertThat(tornado.permutedWithinSums(cos, 1, n, labels, 1)).containsExactly(-0.25, 0.0625);
        int[] perm = {2, 0, 1};                        // B_{π(i)π(j)}: (0,1)→(2,0), (0,2)→(2,1), (1,2)→(0,1)
        assertThat(tornado.permutedCrossSums(cos, 1, n, new int[] {0}, new int[] {0}, perm, 1))
                .containsExactly(0.5 * -0.25 + -0.25 * 0.75 + 0.75 * 0.5);
        double[] weights = {2, 0, 1};                  // word 0 twice, word 2 once: pair (0,2) counts 2×1
        assertThat(tornado.bootstrapCrossSums(cos, 1, n, new int[] {0}, new int[] {0}, weights, 1))
                .containsExactly(2 * 0.0625);
        double[] sums = tornado.bootstrapSums(cos, cos, 1, n, new int[] {1, 1, 2}, weights, 1);
        // within: no pair of the same category survives (word 1 has count 0); total: 2 × (-0.25)
        assertThat(sums).containsExactly(0, 0, 0, 0, -0.5, 0.125, -0.5, 0.125);
    }

    @Test
    void batchesLargerThanOneBufferAreChunkedWithTheSameResults() {
        int m = 7;
        int n = 17;
        // Room for two matrices per buffer: chunks of 2 matrices (the last one half used), pair batches of 2 slots.
        try (TornadoKernels small = new TornadoKernels(2L * n * n * Float.BYTES)) {
            Draws d = new Draws(m, n, 3, 21);
            float[] cos = TornadoKernelsTest.activations(m, n, n, 8);
            float[] z = java.fisherZ(cos);
            double[][] device = d.run(small, cos, z);
            double[][] host = d.run(java, cos, z);
            double[][] magnitude = d.run(java, abs(cos), abs(z));
            for (int k = 0; k < Draws.KERNELS.length; k++) {
                assertRelClose(device[k], host[k], magnitude[k], "chunked " + Draws.KERNELS[k]);
            }
        }
    }

    @Test
    void badInputIsRejectedWithTheReferenceMessages() {
        float[] cos = new float[2 * 9];
        assertThatThrownBy(() -> tornado.permutedWithinSums(cos, 2, 3, new int[5], 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels has 5 codes");
        assertThatThrownBy(() -> tornado.permutedCrossSums(cos, 2, 3, new int[] {0}, new int[] {1},
                new int[] {0, 0, 1}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a permutation");
        assertThatThrownBy(() -> tornado.bootstrapCrossSums(cos, 2, 3, new int[] {0}, new int[] {2},
                new double[3], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 0..1");
        assertThatThrownBy(() -> tornado.bootstrapSums(cos, cos, 2, 3, new int[3], new double[4], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weights has 4 values");
    }

    /** Seeded relabellings, permutations, resample counts and RSA pairs for m matrices of n words. */
    private record Draws(int m, int n, int p, int[] category, int[] labels, int[] perms, double[] weights,
                         int[] first, int[] second) {

        static final String[] KERNELS = {"permutedWithinSums(cos)", "permutedWithinSums(z)", "permutedCrossSums",
            "bootstrapSums", "bootstrapCrossSums"};

        Draws(int m, int n, int p, long seed) {
            this(m, n, p, new int[n], new int[p * n], new int[p * n], new double[p * n], new int[Math.max(1, m - 1)],
                    new int[Math.max(1, m - 1)]);
            SplittableRandom r = new SplittableRandom(seed);
            int[] codes = {7, -2, 40}; // arbitrary codes, unequal categories
            for (int i = 0; i < n; i++) {
                category[i] = codes[r.nextInt(codes.length)];
            }
            for (int q = 0; q < p; q++) {
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
                    labels[q * n + i] = category[perms[q * n + i]];
                    weights[q * n + r.nextInt(n)]++;
                }
            }
            for (int k = 0; k < first.length; k++) {
                first[k] = k;
                second[k] = m - 1 - k; // includes (k, k) when m is odd
            }
        }

        double[][] run(KernelBackend k, float[] cos, float[] z) {
            return new double[][] {
                k.permutedWithinSums(cos, m, n, labels, p),
                k.permutedWithinSums(z, m, n, labels, p),
                k.permutedCrossSums(cos, m, n, first, second, perms, p),
                k.bootstrapSums(cos, z, m, n, category, weights, p),
                k.bootstrapCrossSums(cos, m, n, first, second, weights, p)};
        }
    }

    /**
     * {@code actual} (device, double) within the host's bound of {@code expected} (host): {@code magnitude} is each
     * sum over the absolute values (the same kernel on |cos|, |z|: every term's absolute value, as the weights are
     * counts and squares are non-negative).
     */
    private static void assertRelClose(double[] actual, double[] expected, double[] magnitude, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int k = 0; k < expected.length; k++) {
            double tolerance = JavaKernels.RESAMPLING_RELATIVE_BOUND * magnitude[k]
                    + REL_TOL * Math.max(1.0, Math.abs(expected[k]));
            assertThat(actual[k]).as("%s[%d]", what, k).isCloseTo(expected[k], within(tolerance));
        }
    }

    private static float[] abs(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(values[i]);
        }
        return out;
    }
}
