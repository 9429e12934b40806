package laminar.kernels.tornado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import laminar.kernels.GroupMoments;
import laminar.kernels.JavaKernels;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TornadoVM backend agrees with the reference {@link JavaKernels} within float32 tolerance, on sizes that are
 * not powers of two (n = 3, 17, 34, 101; d = 7, 64, 1601; m = 1, 3, 36), on the device TornadoVM picks (PoCL here).
 */
class TornadoKernelsTest {

    /** Cosines are float32: a few ulp of 1. */
    private static final double COS_TOL = 2e-6;
    /** Statistics in double from float32 inputs: the reductions differ only in summation order. */
    private static final double STAT_TOL = 1e-9;

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

    static Stream<Arguments> shapes() {
        List<Arguments> list = new ArrayList<>();
        for (int n : new int[] {3, 17, 34, 101}) {
            for (int d : new int[] {7, 64, 1601}) {
                for (int m : new int[] {1, 3, 36}) {
                    list.add(Arguments.of(m, n, d));
                }
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "m={0} n={1} d={2}")
    @MethodSource("shapes")
    void cosineRsaAndSelectivityAgreeWithJava(int m, int n, int d) {
        float[] rows = activations(m, n, d, 31L * m + 7L * n + d);
        float[] expectedCos = java.cosineMatrices(rows, m, n, d);
        float[] cos = tornado.cosineMatrices(rows, m, n, d);
        assertClose(cos, expectedCos, COS_TOL, "cosine");

        // RSA pairs as the notebook's (Q-K, Q-V, K-V) per layer; for m = 1 the matrix with itself.
        int[][] pairs = pairs(m);
        double[] expectedRsa = java.rsa(expectedCos, m, n, pairs[0], pairs[1]);
        // Same input to both: only the reduction differs.
        assertClose(tornado.rsa(expectedCos, m, n, pairs[0], pairs[1]), expectedRsa, STAT_TOL, "rsa");
        // End to end from each backend's own cosines: float32 tolerance.
        assertClose(tornado.rsa(cos, m, n, pairs[0], pairs[1]), expectedRsa, 1e-5, "rsa end-to-end");

        int[] category = categories(n);
        for (boolean z : new boolean[] {false, true}) {
            GroupMoments[] expected = java.groupMoments(expectedCos, m, n, category, z);
            GroupMoments[] actual = tornado.groupMoments(expectedCos, m, n, category, z);
            // With Fisher-z the float32 arctanh may differ by an ulp (log vs log1p on the device).
            double tol = z ? 1e-6 : STAT_TOL;
            for (int b = 0; b < m; b++) {
                assertMoments(actual[b], expected[b], tol, "groupMoments fisherZ=" + z + " matrix " + b);
            }
        }
    }

    @ParameterizedTest(name = "m={0} n={1} d={2}")
    @MethodSource("shapes")
    void pearsonAgreesWithJava(int m, int n, int d) {
        int len = n * d;
        float[] a = activations(m, n, d, 11L * m + n + 3L * d);
        float[] b = activations(m, n, d, 13L * m + n + 5L * d);
        for (int k = 0; k < a.length; k++) {
            b[k] = 0.6f * a[k] + 0.4f * b[k] + 2.5f; // correlated, with an offset the centring must remove
        }
        assertClose(tornado.pearson(a, b, m, len), java.pearson(a, b, m, len), STAT_TOL, "pearson");
    }

    @Test
    void fisherZAgreesWithJavaIncludingClippingAndNaN() {
        SplittableRandom rnd = new SplittableRandom(38);
        float[] v = new float[10_007];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) rnd.nextDouble(-1.0, 1.0);
        }
        float[] special = {0f, -0f, 1f, -1f, 1.5f, -3f, Math.nextDown(1f), Math.nextUp(-1f), 1e-7f, -1e-30f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.999f};
        System.arraycopy(special, 0, v, 0, special.length);
        float[] expected = java.fisherZ(v);
        float[] actual = tornado.fisherZ(v);
        for (int k = 0; k < v.length; k++) {
            if (Float.isNaN(expected[k])) {
                assertThat(actual[k]).as("z(%s)", v[k]).isNaN();
            } else {
                assertThat((double) actual[k]).as("z(%s)", v[k])
                        .isCloseTo(expected[k], within(2e-6 * Math.max(1.0, Math.abs(expected[k]))));
            }
        }
    }

    @Test
    void repeatedShapesReuseTheirPlan() {
        float[] rows = activations(3, 34, 64, 1);
        tornado.cosineMatrices(rows, 3, 34, 64);
        int built = tornado.plansBuilt();
        float[] again = tornado.cosineMatrices(activations(3, 34, 64, 2), 3, 34, 64);
        assertThat(tornado.plansBuilt()).isEqualTo(built);
        assertClose(again, java.cosineMatrices(activations(3, 34, 64, 2), 3, 34, 64), COS_TOL, "cosine, second call");
    }

    @Test
    void batchesLargerThanOneBufferAreChunkedWithTheSameResults() {
        int m = 7;
        int n = 17;
        int d = 64;
        // Room for two matrices per buffer: 4 chunks of 2 (the last one half used), 4 RSA batches.
        try (TornadoKernels small = new TornadoKernels(2L * n * d * Float.BYTES)) {
            float[] rows = activations(m, n, d, 5);
            float[] cos = java.cosineMatrices(rows, m, n, d);
            assertClose(small.cosineMatrices(rows, m, n, d), cos, COS_TOL, "chunked cosine");
            int[] first = {0, 0, 1, 3, 6, 2};
            int[] second = {1, 2, 2, 5, 6, 4};
            assertClose(small.rsa(cos, m, n, first, second), java.rsa(cos, m, n, first, second), STAT_TOL,
                    "chunked rsa");
            GroupMoments[] expected = java.groupMoments(cos, m, n, categories(n), true);
            GroupMoments[] actual = small.groupMoments(cos, m, n, categories(n), true);
            for (int b = 0; b < m; b++) {
                assertMoments(actual[b], expected[b], 1e-6, "chunked groupMoments " + b);
            }
            float[] a = activations(m, n, d, 8);
            float[] b = activations(m, n, d, 9);
            assertClose(small.pearson(a, b, m, n * d), java.pearson(a, b, m, n * d), STAT_TOL, "chunked pearson");
        }
    }

    @Test
    void edgeCasesMatchTheReference() {
        // A zero row gives NaN similarities, as in the reference (0/0).
        float[] rows = activations(1, 5, 7, 3);
        Arrays.fill(rows, 14, 21, 0f);
        float[] expected = java.cosineMatrices(rows, 1, 5, 7);
        float[] actual = tornado.cosineMatrices(rows, 1, 5, 7);
        for (int k = 0; k < expected.length; k++) {
            if (Float.isNaN(expected[k])) {
                assertThat(actual[k]).as("cos[%d]", k).isNaN();
            } else {
                assertThat((double) actual[k]).as("cos[%d]", k).isCloseTo(expected[k], within(COS_TOL));
            }
        }
        // Empty batches and single words.
        assertThat(tornado.cosineMatrices(new float[0], 0, 34, 1600)).isEmpty();
        assertThat(tornado.rsa(new float[1], 1, 1, new int[] {0}, new int[] {0})[0]).isNaN();
        GroupMoments single = tornado.groupMoments(new float[1], 1, 1, new int[] {1}, false)[0];
        assertThat(single.withinCount()).isZero();
        assertThat(single.acrossCount()).isZero();
        // Every word its own category: no within pairs, mean NaN and M2 0, as the reference.
        float[] cos = java.cosineMatrices(activations(1, 3, 7, 4), 1, 3, 7);
        assertMoments(tornado.groupMoments(cos, 1, 3, new int[] {1, 2, 3}, false)[0],
                java.groupMoments(cos, 1, 3, new int[] {1, 2, 3}, false)[0], STAT_TOL, "one word per category");
    }

    @Test
    void badInputIsRejectedWithAMessageThatNamesTheProblem() {
        assertThatThrownBy(() -> tornado.cosineMatrices(new float[10], 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows has 10 values");
        assertThatThrownBy(() -> tornado.rsa(new float[8], 2, 2, new int[] {0}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside 0..1");
        assertThatThrownBy(() -> tornado.groupMoments(new float[9], 1, 3, new int[] {1, 2}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one category code per word");
        assertThatThrownBy(() -> tornado.pearson(new float[4], new float[4], -1, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m must be ≥ 0");
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** Activation-like rows: a shared direction per category plus noise, so similarities spread over (0, 1). */
    static float[] activations(int m, int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] shared = new float[3 * d];
        for (int k = 0; k < shared.length; k++) {
            shared[k] = (float) rnd.nextGaussian();
        }
        float[] rows = new float[m * n * d];
        for (int b = 0; b < m; b++) {
            for (int i = 0; i < n; i++) {
                int c = i % 3;
                for (int k = 0; k < d; k++) {
                    rows[(b * n + i) * d + k] = shared[c * d + k] + 1.5f * (float) rnd.nextGaussian() + 0.3f;
                }
            }
        }
        return rows;
    }

    static int[] categories(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = 1 + i % 3;
        }
        return c;
    }

    private static int[][] pairs(int m) {
        if (m < 3) {
            return new int[][] {{0}, {m - 1}};
        }
        int layers = m / 3;
        int[] first = new int[3 * layers];
        int[] second = new int[3 * layers];
        for (int l = 0; l < layers; l++) {
            first[3 * l] = 3 * l;
            second[3 * l] = 3 * l + 1;
            first[3 * l + 1] = 3 * l;
            second[3 * l + 1] = 3 * l + 2;
            first[3 * l + 2] = 3 * l + 1;
            second[3 * l + 2] = 3 * l + 2;
        }
        return new int[][] {first, second};
    }

    private static void assertClose(float[] actual, float[] expected, double tol, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int k = 0; k < expected.length; k++) {
            assertThat((double) actual[k]).as("%s[%d]", what, k).isCloseTo(expected[k], within(tol));
        }
    }

    private static void assertClose(double[] actual, double[] expected, double tol, String what) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int k = 0; k < expected.length; k++) {
            if (Double.isNaN(expected[k])) {
                assertThat(actual[k]).as("%s[%d]", what, k).isNaN();
            } else {
                assertThat(actual[k]).as("%s[%d]", what, k).isCloseTo(expected[k], within(tol));
            }
        }
    }

    private static void assertMoments(GroupMoments actual, GroupMoments expected, double tol, String what) {
        assertThat(actual.withinCount()).as(what + " within count").isEqualTo(expected.withinCount());
        assertThat(actual.acrossCount()).as(what + " across count").isEqualTo(expected.acrossCount());
        assertMean(actual.withinMean(), expected.withinMean(), tol, what + " within mean");
        assertMean(actual.acrossMean(), expected.acrossMean(), tol, what + " across mean");
        assertThat(actual.withinM2()).as(what + " within M2")
                .isCloseTo(expected.withinM2(), within(tol * Math.max(1.0, expected.withinM2())));
        assertThat(actual.acrossM2()).as(what + " across M2")
                .isCloseTo(expected.acrossM2(), within(tol * Math.max(1.0, expected.acrossM2())));
    }

    private static void assertMean(double actual, double expected, double tol, String what) {
        if (Double.isNaN(expected)) {
            assertThat(actual).as(what).isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected, within(tol));
        }
    }
}
