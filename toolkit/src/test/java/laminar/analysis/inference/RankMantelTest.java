package laminar.analysis.inference;

import laminar.kernels.Compare;
import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Mantel test under each comparison against a direct computation: for every permutation of the words, the
 * comparison of A's upper triangle with B's permuted one, counted from definitions (ranks by counting, τa over every
 * pair), with the same draws.
 */
class RankMantelTest {

    private static final int N = 12;
    private static final int LAYERS = 2;
    private static final int[] CATEGORIES = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};

    @ParameterizedTest
    @EnumSource(Compare.class)
    void observedAndPermutationCountsEqualTheDirectComputation(Compare compare) {
        KernelBackend kernels = new JavaKernels();
        Random rnd = new Random(21);
        int d = 6;
        float[] rows = new float[3 * LAYERS * N * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) rnd.nextGaussian() + (i % 7 == 0 ? 1f : 0f);
        }
        float[] cos = kernels.cosineMatrices(rows, 3 * LAYERS, N, d);
        InferenceOptions options = new InferenceOptions(40, 0, 5, Alternative.GREATER);
        SeededDraws draws = new SeededDraws(5, CATEGORIES);
        InferencePass pass = new InferencePass(kernels, CATEGORIES, LAYERS, options, draws, s -> { })
                .comparing(compare);
        pass.accept(0, LAYERS, cos);
        StatisticInference rsa = pass.finish().of(Statistic.RSA);
        int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
        for (int l = 0; l < LAYERS; l++) {
            for (int k = 0; k < 3; k++) {
                int a = 3 * l + pairs[k][0];
                int b = 3 * l + pairs[k][1];
                double observed = direct(cos, a, b, identity(), compare);
                // the Java kernels' cross sums are float32 panels within 1.017e-6 of Σ|terms| (laminar.kernels.RowDots):
                // r from those sums is off by a few 1e-9 here, far inside 1e-6
                assertThat(rsa.observed()[l][k]).isCloseTo(observed, within(1e-6));
                long count = 0;
                for (int q = 0; q < 40; q++) {
                    double v = direct(cos, a, b, draws.permutation(q), compare);
                    count += PermutationTally.atLeast(v, observed) ? 1 : 0;
                }
                assertThat(rsa.count()[l][k]).as(compare + " layer " + l + " pair " + k).isEqualTo(count);
            }
        }
    }

    private static int[] identity() {
        int[] p = new int[N];
        for (int i = 0; i < N; i++) {
            p[i] = i;
        }
        return p;
    }

    private static double direct(float[] cos, int a, int b, int[] pi, Compare compare) {
        int m = N * (N - 1) / 2;
        double[] x = new double[m];
        double[] y = new double[m];
        int at = 0;
        for (int i = 0; i < N; i++) {
            for (int j = i + 1; j < N; j++) {
                x[at] = cos[a * N * N + i * N + j];
                y[at++] = cos[b * N * N + pi[i] * N + pi[j]];
            }
        }
        return switch (compare) {
            case PEARSON -> pearson(x, y);
            case SPEARMAN -> pearson(ranks(x), ranks(y));
            case KENDALL_TAU_A -> {
                long s = 0;
                for (int i = 0; i < m; i++) {
                    for (int j = i + 1; j < m; j++) {
                        s += (long) Math.signum(x[i] - x[j]) * (long) Math.signum(y[i] - y[j]);
                    }
                }
                yield s / (m * (m - 1) / 2.0);
            }
        };
    }

    private static double[] ranks(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int less = 0;
            int equal = 0;
            for (double w : v) {
                less += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = 1 + less + (equal - 1) / 2.0;
        }
        return r;
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
