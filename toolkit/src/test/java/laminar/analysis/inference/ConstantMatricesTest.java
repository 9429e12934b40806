package laminar.analysis.inference;

import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A layer whose matrices have one value in every word pair (layer 0 of a model whose words all end in the same
 * token) has no variance: its t, Fisher-z t and RSA are undefined as in Parts 6, 7b and 4, its difference is exactly
 * 0 (p 1, interval [0, 0]), and it leaves the other layers' family-wise p-values as they are without it. Before,
 * the sums' rounding residue came out as a t of any size, which also entered the family's maximum.
 */
class ConstantMatricesTest {

    private static final KernelBackend KERNELS = new JavaKernels();
    private static final int N = 15;
    private static final int D = 6;
    private static final int[] CATEGORIES = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};

    @Test
    void onlyTheUpperTriangleCounts() {
        float[] a = new float[2 + 4 * 4];
        for (int u = 0; u < 4; u++) {
            for (int v = 0; v < 4; v++) {
                a[2 + u * 4 + v] = v > u ? 0.25f : u == v ? 1f : -u * v; // diagonal and lower triangle differ
            }
        }
        assertThat(ConstantMatrices.constant(a, 2, 4)).isTrue();
        a[2 + 2 * 4 + 3] = Math.nextUp(0.25f); // the last pair
        assertThat(ConstantMatrices.constant(a, 2, 4)).isFalse();
        assertThat(ConstantMatrices.constant(new float[1], 0, 1)).isTrue();
    }

    @Test
    void aConstantLayerIsUndefinedAndLeavesTheOtherLayersFamilyAsItIs() {
        float[] structured = structuredCosines(2);
        float[] withConstant = new float[3 * 3 * N * N];
        for (int k = 0; k < 3; k++) { // layer 0: every pair 0.3 (diagonal 1)
            for (int u = 0; u < N; u++) {
                for (int v = 0; v < N; v++) {
                    withConstant[(k * N + u) * N + v] = u == v ? 1f : 0.3f;
                }
            }
        }
        System.arraycopy(structured, 0, withConstant, 3 * N * N, structured.length);
        InferenceOptions options = new InferenceOptions(199, 100, 11, Alternative.GREATER);
        Inference three = run(withConstant, 3, options);
        Inference two = run(structured, 2, options);

        for (int k = 0; k < 3; k++) {
            for (Statistic s : new Statistic[] {Statistic.SELECTIVITY_T, Statistic.SELECTIVITY_FISHER_Z_T,
                    Statistic.RSA}) {
                StatisticInference i = three.of(s);
                assertThat(i.observed()[0][k]).as(s + " observed").isNaN();
                assertThat(i.p()[0][k]).as(s + " p").isNaN();
                assertThat(i.pFwer()[0][k]).as(s + " p_fwer").isNaN();
                assertThat(i.ci95()[0][k]).as(s + " ci").containsOnly(Double.NaN);
                assertThat(i.se()[0][k]).as(s + " se").isNaN();
                for (int l = 0; l < 2; l++) { // the other layers: as if layer 0 were not in the family
                    assertThat(i.observed()[l + 1][k]).isEqualTo(two.of(s).observed()[l][k]);
                    assertThat(i.p()[l + 1][k]).isEqualTo(two.of(s).p()[l][k]);
                    assertThat(i.pFwer()[l + 1][k]).as(s + " p_fwer").isEqualTo(two.of(s).pFwer()[l][k]);
                    assertThat(i.ci95()[l + 1][k]).isEqualTo(two.of(s).ci95()[l][k]);
                }
            }
            StatisticInference diff = three.of(Statistic.SELECTIVITY_DIFF);
            assertThat(diff.observed()[0][k]).isZero();
            assertThat(diff.p()[0][k]).isEqualTo(1.0);
            assertThat(diff.ci95()[0][k]).containsExactly(0.0, 0.0);
            assertThat(diff.se()[0][k]).isZero();
            StatisticInference average = three.of(Statistic.SELECTIVITY_AVERAGE);
            assertThat(average.observed()[0][k]).isEqualTo((double) 0.3f);
            assertThat(average.ci95()[0][k]).containsExactly((double) 0.3f, (double) 0.3f);
        }
    }

    private static Inference run(float[] cos, int layers, InferenceOptions options) {
        InferencePass pass = InferencePass.seeded(KERNELS, CATEGORIES, layers, options, m -> { });
        pass.accept(0, layers, cos);
        return pass.finish();
    }

    /** Cosines of random vectors with category structure of varying strength (Q, K, V of {@code layers} layers). */
    private static float[] structuredCosines(int layers) {
        Random r = new Random(3);
        double[][] centre = new double[3][D];
        for (double[] c : centre) {
            for (int e = 0; e < D; e++) {
                c[e] = r.nextGaussian();
            }
        }
        float[] rows = new float[3 * layers * N * D];
        for (int b = 0; b < 3 * layers; b++) {
            for (int w = 0; w < N; w++) {
                for (int e = 0; e < D; e++) {
                    rows[(b * N + w) * D + e] = (float) (0.4 * b * centre[CATEGORIES[w]][e] + r.nextGaussian());
                }
            }
        }
        return KERNELS.cosineMatrices(rows, 3 * layers, N, D);
    }
}
