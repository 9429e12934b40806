package laminar.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The cosine kernel's accuracy contract: every value within 1e-6 of a float64 computation on the same float32 rows,
 * on adversarial inputs too (large d, big common offsets, near-parallel and anti-parallel rows, magnitudes over
 * many decades, values that would overflow or underflow float32 products, exact orthogonality with large terms,
 * rows whose every product rounds the same way). The proven bound (see {@link DotTiles}) is 16·2^-24 for the float
 * panels plus half a float32 ulp below 1 for the final rounding.
 */
class CosineAccuracyTest {

    /** 16 u (float panels of 16 products per partial sum) + 2^-25 (rounding the clamped cosine to float32). */
    static final double BOUND = 16 * 0x1p-24 + 0x1p-25;

    static double maxError(float[] got, double[] expected) {
        double worst = 0;
        for (int p = 0; p < got.length; p++) {
            double e = Math.abs(got[p] - expected[p]);
            if (!(e <= worst)) {
                worst = e;
            }
        }
        return worst;
    }

    private static float[] rows(int n, int d, long seed, RowValue value) {
        Random r = new Random(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) value.at(i, k, r);
            }
        }
        return x;
    }

    @FunctionalInterface
    private interface RowValue {
        double at(int row, int k, Random r);
    }

    private static double check(float[] rows, int n, int d) {
        assertThat(BOUND).isLessThan(1e-6);
        double[] expected = NaiveKernels.cosineSequential(rows, 1, n, d);
        double worst = 0;
        for (DotTiles engine : JavaKernelsCosineTest.engines()) {
            float[] got = new JavaKernels(engine).cosineMatrices(rows, 1, n, d);
            double e = maxError(got, expected);
            assertThat(e).as("%s, n=%d d=%d", engine.describe(), n, d).isLessThanOrEqualTo(BOUND);
            worst = Math.max(worst, e);
        }
        System.out.printf("cosine max error %.3g (bound %.3g), n=%d d=%d%n", worst, BOUND, n, d);
        return worst;
    }

    @Test
    void largeDimensionWithACommonOffset() {
        int n = 7;
        int d = 40_000;
        check(rows(n, d, 1, (i, k, r) -> 1.0 + 1e-3 * r.nextDouble()), n, d);
    }

    @Test
    void bigCommonOffsetAtGpt2XlWidth() {
        int n = 40;
        int d = 1600;
        check(rows(n, d, 2, (i, k, r) -> 1000.0 + r.nextGaussian()), n, d);
    }

    @Test
    void nearParallelAndAntiParallelRows() {
        int n = 24;
        int d = 1601;
        float[] base = rows(1, d, 3, (i, k, r) -> r.nextGaussian() + 0.3);
        Random r = new Random(4);
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            double sign = i % 2 == 0 ? 1 : -1;
            double eps = Math.pow(10, -2 - i % 6);
            for (int k = 0; k < d; k++) {
                x[i * d + k] = (float) (sign * base[k] + eps * r.nextGaussian());
            }
        }
        check(x, n, d);
    }

    @Test
    void magnitudesOverManyDecades() {
        int n = 30;
        int d = 777;
        check(rows(n, d, 5, (i, k, r) -> r.nextGaussian() * Math.scalb(1.0, r.nextInt(41) - 20)), n, d);
    }

    @Test
    void valuesWhoseFloatProductsWouldOverflowOrUnderflow() {
        int n = 12;
        int d = 300;
        check(rows(n, d, 6, (i, k, r) -> (r.nextGaussian() + 0.5) * (i % 2 == 0 ? 3e30 : 2e-30)), n, d);
        // Subnormal inputs: products of two of them are zero in float32 unless the rows are scaled first.
        check(rows(n, d, 7, (i, k, r) -> (r.nextGaussian() + 0.5) * 1e-40), n, d);
    }

    @Test
    void exactlyOrthogonalRowsWithLargeTerms() {
        int d = 1024;
        float[] x = new float[2 * d];
        for (int k = 0; k < d; k++) {
            x[k] = 1e4f + (k % 64) % 5;
            x[d + k] = (k / 64) % 2 == 0 ? x[k] : -x[k];
        }
        assertThat(NaiveKernels.cosineSequential(x, 1, 2, d)[1]).isEqualTo(0.0);
        // The float panels' rounding shows here (a few 1e-7), still inside the bound.
        check(x, 2, d);
    }

    @Test
    void everyProductRoundsTheSameWay() {
        // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: each partial sum rounds in the same direction; the exact cosines are
        // 1 between equal rows and known in closed form otherwise.
        int n = 6;
        int d = 4096;
        IntToDoubleFunction level = i -> 1.0 + Math.scalb(1.0, -12 + i % 3);
        check(rows(n, d, 8, (i, k, r) -> k % 2 == 0 ? level.applyAsDouble(i) : 1.0 - Math.scalb(1.0, -13)), n, d);
    }

    @Test
    void randomRowsAtScaleStayFarInsideTheBound() {
        int n = 150;
        int d = 1600;
        double worst = check(rows(n, d, 9, (i, k, r) -> r.nextGaussian() + 0.5), n, d);
        // Typical errors are random walks, orders of magnitude below the worst case.
        assertThat(worst).isLessThan(1e-7);
    }
}
