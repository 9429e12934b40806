package laminar.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pearson, RSA, Fisher-z and within/across moments against independent double loops and numpy. */
class JavaKernelsStatisticsTest {

    private final KernelBackend k = new JavaKernels();

    private static double[] widen(float[] f, int from, int len) {
        double[] d = new double[len];
        for (int i = 0; i < len; i++) {
            d[i] = f[from + i];
        }
        return d;
    }

    private static float[] correlated(Random r, float[] x, double slope) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (float) (slope * x[i] + r.nextGaussian());
        }
        return y;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 17, 34, 101, 1601, 54400})
    void pearsonMatchesTextbookFormula(int len) {
        Random r = new Random(len);
        int m = 3;
        float[] a = JavaKernelsCosineTest.randomRows(len, m * len, 0.5f);
        float[] b = correlated(r, a, 0.7);
        double[] got = k.pearson(a, b, m, len);
        for (int p = 0; p < m; p++) {
            double expected = NaiveKernels.pearson(widen(a, p * len, len), widen(b, p * len, len));
            assertThat(got[p]).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void pearsonMatchesNumpyCorrcoef() {
        for (JsonObject c : Fixtures.cases("corrcoef.json")) {
            float[] x = Fixtures.floats(c, "x");
            float[] y = Fixtures.floats(c, "y");
            double expected = Fixtures.number(c, "r");
            assertThat(k.pearson(x, y, 1, x.length)[0]).as("n=%d", x.length).isCloseTo(expected, within(1e-13));
        }
    }

    @Test
    void pearsonEdgeCases() {
        assertThat(k.pearson(new float[] {1, 2, 3}, new float[] {2, 4, 6}, 1, 3)[0]).isEqualTo(1.0);
        assertThat(k.pearson(new float[] {1, 2, 3}, new float[] {6, 4, 2}, 1, 3)[0]).isEqualTo(-1.0);
        assertThat(k.pearson(new float[] {1, 2, 3}, new float[] {5, 5, 5}, 1, 3)[0]).isNaN();
        assertThat(k.pearson(new float[] {1}, new float[] {2}, 1, 1)[0]).isNaN();
        assertThat(k.pearson(new float[0], new float[0], 0, 4)).isEmpty();
        assertThatThrownBy(() -> k.pearson(new float[3], new float[4], 1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 17, 34, 101})
    void rsaIsPearsonOfTheUpperTriangles(int n) {
        int m = 3;
        float[] rows = JavaKernelsCosineTest.randomRows(n, m * n * 24, 0.4f);
        float[] cos = k.cosineMatrices(rows, m, n, 24);
        // Break symmetry so that using the lower triangle (or the diagonal) would give a different answer.
        Random r = new Random(n);
        for (int b = 0; b < m; b++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    cos[(b * n + i) * n + j] = (float) r.nextGaussian();
                }
            }
        }
        int[] first = {0, 0, 1, 2};
        int[] second = {1, 2, 2, 2};
        double[] got = k.rsa(cos, m, n, first, second);
        for (int p = 0; p < first.length; p++) {
            double[] x = NaiveKernels.upperTriangle(cos, first[p], n);
            double[] y = NaiveKernels.upperTriangle(cos, second[p], n);
            double expected = n == 2 ? Double.NaN : NaiveKernels.pearson(x, y);
            if (first[p] == second[p] && n > 2) {
                expected = 1.0;
            }
            assertThat(got[p]).as("pair %d", p).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void rsaRejectsBadPairs() {
        float[] cos = new float[2 * 9];
        assertThatThrownBy(() -> k.rsa(cos, 2, 3, new int[] {0}, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
        assertThatThrownBy(() -> k.rsa(cos, 2, 3, new int[] {0}, new int[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(k.rsa(cos, 2, 3, new int[0], new int[0])).isEmpty();
    }

    @Test
    void fisherZOfALongArrayIsEveryValuesOwnTransform() {
        // longer than one parallel chunk, with a ragged end: every position transformed once, by itself
        float[] in = new float[3 * (1 << 16) + 17];
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (2.2 * r.nextDouble() - 1.1);
        }
        in[in.length - 1] = Float.NaN;
        float[] z = k.fisherZ(in);
        assertThat(z).hasSameSizeAs(in);
        for (int i = 0; i < in.length; i++) {
            assertThat(Float.floatToIntBits(z[i])).as("z[%d]", i)
                    .isEqualTo(Float.floatToIntBits((float) FisherZ.of(in[i])));
        }
    }

    @Test
    void fisherZAtAndBeyondOne() {
        double zMax = 0.5 * Math.log((1 + FisherZ.MAX_ABS_R) / (1 - FisherZ.MAX_ABS_R));
        assertThat(FisherZ.of(1.0)).isCloseTo(zMax, within(1e-8)).isLessThan(8.42);
        assertThat(FisherZ.of(-1.0)).isEqualTo(-FisherZ.of(1.0));
        assertThat(FisherZ.of(1.0000001)).isEqualTo(FisherZ.of(1.0));
        assertThat(FisherZ.of(-3.0)).isEqualTo(FisherZ.of(-1.0));
        assertThat(FisherZ.of(Double.NaN)).isNaN();
        assertThat(FisherZ.of(0.0)).isEqualTo(0.0);
        assertThat(1 / FisherZ.of(-0.0)).isNegative();
        assertThat(FisherZ.of(-0.999999)).isEqualTo(-FisherZ.of(0.999999))
                .isCloseTo(-7.254328619247669, within(1e-14));
        assertThat(FisherZ.of(0.5)).isCloseTo(0.5493061443340549, within(1e-15));
        assertThat(FisherZ.of(-0.9)).isCloseTo(-1.4722194895832204, within(1e-14));
        assertThat(FisherZ.of(1e-9)).isCloseTo(1e-9, within(1e-24));
        float[] in = {0f, 0.5f, -0.9f, 1f, 1.5f, -1f, Float.NaN, 0.9999999f, 0.99999994f};
        float[] z = k.fisherZ(in);
        for (int i = 0; i < in.length; i++) {
            assertThat(Float.floatToIntBits(z[i])).isEqualTo(Float.floatToIntBits((float) FisherZ.of(in[i])));
        }
        // 1 - 1.19e-7 (a float32) is below the clip, 1 - 5.96e-8 (the largest float32 below 1) is clipped.
        assertThat(z[7]).isLessThan(z[3]).isGreaterThan(8.3f);
        assertThat(z[8]).isEqualTo(z[3]);
        assertThat(FisherZ.arctanh(1.0)).isInfinite().isPositive();
        assertThat(FisherZ.arctanh(-1.0)).isInfinite().isNegative();
        assertThat(FisherZ.arctanh(1.5)).isNaN();
        assertThat(FisherZ.arctanh(0.25)).isCloseTo(0.25541281188299536, within(1e-16));
    }

    /** Independent moments: collect the values into lists, then mean and squared deviations. */
    private static GroupMoments naiveMoments(float[] cos, int b, int n, int[] cat, boolean fz) {
        List<Double> w = new ArrayList<>();
        List<Double> a = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float v = cos[(b * n + i) * n + j];
                double x = fz ? (double) (float) FisherZ.of(v) : v;
                (cat[i] == cat[j] ? w : a).add(x);
            }
        }
        double mw = w.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ma = a.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new GroupMoments(w.size(), mw, w.stream().mapToDouble(x -> (x - mw) * (x - mw)).sum(),
                a.size(), ma, a.stream().mapToDouble(x -> (x - ma) * (x - ma)).sum());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17, 34, 101})
    void groupMomentsMatchNaiveForUnsortedArbitraryCodes(int n) {
        int m = 2;
        float[] cos = k.cosineMatrices(JavaKernelsCosineTest.randomRows(n + 1, m * n * 12, 0.8f), m, n, 12);
        int[] codes = {7, -3, 1_000_000, 0};
        Random r = new Random(n);
        int[] cat = new int[n];
        for (int i = 0; i < n; i++) {
            cat[i] = codes[r.nextInt(codes.length)];
        }
        for (boolean fz : new boolean[] {false, true}) {
            GroupMoments[] got = k.groupMoments(cos, m, n, cat, fz);
            for (int b = 0; b < m; b++) {
                GroupMoments e = naiveMoments(cos, b, n, cat, fz);
                GroupMoments g = got[b];
                assertThat(g.withinCount()).isEqualTo(e.withinCount());
                assertThat(g.acrossCount()).isEqualTo(e.acrossCount());
                assertThat(g.withinCount() + g.acrossCount()).isEqualTo((long) n * (n - 1) / 2);
                if (e.withinCount() > 0) {
                    assertThat(g.withinMean()).isCloseTo(e.withinMean(), within(1e-13));
                    assertThat(g.withinM2()).isCloseTo(e.withinM2(), within(1e-11));
                } else {
                    assertThat(g.withinMean()).isNaN();
                    assertThat(g.withinM2()).isZero();
                }
                if (e.acrossCount() > 0) {
                    assertThat(g.acrossMean()).isCloseTo(e.acrossMean(), within(1e-13));
                    assertThat(g.acrossM2()).isCloseTo(e.acrossM2(), within(1e-11));
                } else {
                    assertThat(g.acrossMean()).isNaN();
                }
            }
        }
    }

    @Test
    void groupMomentsOfAKnownMatrix() {
        // 3 words, categories (5, 9, 5): pairs (0,1) across 0.2, (0,2) within 0.6, (1,2) across 0.4.
        float[] cos = {1, 0.2f, 0.6f, 0.2f, 1, 0.4f, 0.6f, 0.4f, 1};
        GroupMoments g = k.groupMoments(cos, 1, 3, new int[] {5, 9, 5}, false)[0];
        assertThat(g.withinCount()).isEqualTo(1);
        assertThat(g.withinMean()).isEqualTo(0.6f);
        assertThat(g.withinM2()).isZero();
        assertThat(g.acrossCount()).isEqualTo(2);
        assertThat(g.acrossMean()).isCloseTo(0.3, within(1e-8));
        assertThat(g.acrossM2()).isCloseTo(0.02, within(1e-8));
        assertThatThrownBy(() -> k.groupMoments(cos, 1, 3, new int[] {1, 2}, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("category");
    }
}
