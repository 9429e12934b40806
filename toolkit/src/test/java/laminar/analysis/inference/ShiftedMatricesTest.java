package laminar.analysis.inference;

import laminar.kernels.Compare;
import laminar.kernels.GroupMoments;
import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import laminar.kernels.stats.Selectivity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The inference's observed statistics equal Parts 6, 7b and 4 (two-pass moments and correlations in double) on
 * anisotropic layers too, where all cosines sit close to their mean: the kernels sum the matrices minus their means.
 * Unshifted, the one-pass float32 sums put the t 0.09 % off at a mean cosine of 0.994, 2 % at 0.9994 and 93 % at
 * 0.99994.
 */
class ShiftedMatricesTest {

    private static final KernelBackend KERNELS = new JavaKernels();
    private static final int N = 300;
    private static final int D = 64;
    private static final int[] FIRST = {0, 0, 1};
    private static final int[] SECOND = {1, 2, 2};

    @ParameterizedTest(name = "word noise {0} around one shared direction")
    @ValueSource(doubles = {0.3, 0.1, 0.03, 0.01, 0.001})
    void observedStatisticsEqualThePartsOnAnisotropicLayers(double noise) {
        int[] cats = new int[N];
        for (int i = 0; i < N; i++) {
            cats[i] = i % 3;
        }
        float[] cos = KERNELS.cosineMatrices(anisotropic(cats, noise), 3, N, D);
        InferencePass pass = InferencePass.seeded(KERNELS, cats, 1, new InferenceOptions(0, 0, 1, Alternative.GREATER),
                m -> { });
        pass.accept(0, 1, cos);
        Inference inf = pass.finish();
        GroupMoments[] raw = KERNELS.groupMoments(cos, 3, N, cats, false);
        GroupMoments[] fz = KERNELS.groupMoments(cos, 3, N, cats, true);
        double[] rsa = KERNELS.compareMatrices(cos, 3, N, FIRST, SECOND, Compare.PEARSON);
        assertThat(raw[0].withinMean()).as("anisotropic: cosines near 1").isGreaterThan(0.94);
        for (int k = 0; k < 3; k++) {
            Selectivity part6 = Selectivity.of(raw[k]);
            assertRelative(inf.of(Statistic.SELECTIVITY_T).observed()[0][k], part6.t(), 1e-6, "t");
            assertRelative(inf.of(Statistic.SELECTIVITY_DIFF).observed()[0][k], part6.difference(), 1e-6, "difference");
            assertRelative(inf.of(Statistic.SELECTIVITY_AVERAGE).observed()[0][k], part6.average(), 1e-9, "average");
            assertRelative(inf.of(Statistic.SELECTIVITY_FISHER_Z_T).observed()[0][k], Selectivity.of(fz[k]).t(), 1e-6,
                    "Fisher-z t");
            assertRelative(inf.of(Statistic.RSA).observed()[0][k], rsa[k], 1e-6, "RSA");
        }
    }

    @Test
    void kendallsTauReadsTheCosinesUnshifted() {
        // half the pairs near 0.5, half within 1e-3 of 0 in steps far below the float spacing at |x − mean| ≈ 0.25:
        // shifted, many of those would become ties and change τa
        int n = 40;
        int[] cats = new int[n];
        for (int i = 0; i < n; i++) {
            cats[i] = i % 2;
        }
        Random r = new Random(4);
        float[] cos = new float[3 * n * n];
        for (int b = 0; b < 3; b++) {
            for (int u = 0; u < n; u++) {
                cos[(b * n + u) * n + u] = 1;
                for (int v = u + 1; v < n; v++) {
                    float x = r.nextBoolean() ? 0.5f + 0.01f * r.nextFloat() : 1e-3f * r.nextFloat();
                    cos[(b * n + u) * n + v] = x;
                    cos[(b * n + v) * n + u] = x;
                }
            }
        }
        InferencePass pass = InferencePass.seeded(KERNELS, cats, 1, new InferenceOptions(0, 0, 1, Alternative.GREATER),
                m -> { }).comparing(Compare.KENDALL_TAU_A);
        pass.accept(0, 1, cos);
        double[] part4 = KERNELS.compareMatrices(cos, 3, n, FIRST, SECOND, Compare.KENDALL_TAU_A);
        for (int k = 0; k < 3; k++) {
            assertThat(pass.finish().of(Statistic.RSA).observed()[0][k]).isCloseTo(part4[k], within(1e-12));
        }
    }

    @Test
    void subtractsTheUpperTrianglesMeanPerMatrixAndShiftsZInPlace() {
        int n = 3;
        float[] cos = {1, 0.5f, 0.75f, 9, 1, 1f, 9, 9, 1, /* second matrix: no finite mean */ 1, Float.NaN, 0, 0, 1, 0,
                0, 0, 1};
        float[] z = {0, 1, 2, 0, 0, 3, 0, 0, 0, 0, 4, 4, 0, 0, 4, 0, 0, 0};
        ShiftedMatrices s = ShiftedMatrices.of(cos, z, 2, n, null);
        assertThat(s.shift()).containsExactly(0.75, 0.0); // (0.5 + 0.75 + 1) / 3: the diagonal and lower half left out
        assertThat(s.cos()[1]).isEqualTo(-0.25f);
        assertThat(s.cos()[3]).isEqualTo(9 - 0.75f);
        assertThat(s.cos()[9 + 2]).isEqualTo(0f);
        assertThat(z[1]).isEqualTo(-1f); // z's upper mean (1 + 2 + 3) / 3 = 2
        assertThat(z[9 + 1]).isZero(); // all 4: shifted to 0
        assertThat(cos[1]).as("the batch's own matrices are left alone").isEqualTo(0.5f);
    }

    private static void assertRelative(double actual, double expected, double relative, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(relative * Math.abs(expected)));
    }

    /** Q, K, V rows: a large shared component, category structure and word noise of size {@code noise}. */
    private static float[] anisotropic(int[] cats, double noise) {
        Random r = new Random(1);
        double[][] centre = new double[3][D];
        for (double[] c : centre) {
            for (int e = 0; e < D; e++) {
                c[e] = r.nextGaussian();
            }
        }
        float[] rows = new float[3 * N * D];
        for (int b = 0; b < 3; b++) {
            for (int w = 0; w < N; w++) {
                for (int e = 0; e < D; e++) {
                    rows[(b * N + w) * D + e] = (float) ((e == 0 ? 10 : 0)
                            + noise * (0.5 * centre[cats[w]][e] + r.nextGaussian()));
                }
            }
        }
        return rows;
    }
}
