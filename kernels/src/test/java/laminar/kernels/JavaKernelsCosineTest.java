package laminar.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class JavaKernelsCosineTest {

    static List<Arguments> sizes() {
        return List.of(
                Arguments.of(1, 1, 1), Arguments.of(2, 2, 7), Arguments.of(1, 3, 64), Arguments.of(3, 17, 7),
                Arguments.of(2, 34, 1601), Arguments.of(1, 101, 64), Arguments.of(3, 5, 1), Arguments.of(1, 68, 33),
                Arguments.of(1, 130, 17));
    }

    static float[] randomRows(long seed, int count, float offset) {
        Random r = new Random(seed);
        float[] x = new float[count];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() + offset);
        }
        return x;
    }

    static List<DotTiles> engines() {
        DotTiles simd = VectorDotTiles.forThisCpu();
        return simd == null ? List.of(new ScalarDotTiles()) : List.of(new ScalarDotTiles(), simd);
    }

    @ParameterizedTest(name = "m={0} n={1} d={2}")
    @MethodSource("sizes")
    void everyEngineMatchesTheCanonicalOrderBitForBit(int m, int n, int d) {
        float[] rows = randomRows(31L * n + d, m * n * d, 0.3f);
        float[] expected = NaiveKernels.cosineCanonical(rows, m, n, d);
        for (DotTiles engine : engines()) {
            float[] got = new JavaKernels(engine).cosineMatrices(rows, m, n, d);
            assertThat(got).as(engine.describe()).containsExactly(expected);
        }
    }

    @ParameterizedTest(name = "m={0} n={1} d={2}")
    @MethodSource("sizes")
    void matchesSequentialDoubleLoopWithinTheProvenBound(int m, int n, int d) {
        float[] rows = randomRows(7L * n + d, m * n * d, -0.2f);
        double[] expected = NaiveKernels.cosineSequential(rows, m, n, d);
        float[] got = new JavaKernels().cosineMatrices(rows, m, n, d);
        assertThat(got).hasSize(m * n * n);
        assertThat(CosineAccuracyTest.maxError(got, expected)).isLessThanOrEqualTo(CosineAccuracyTest.BOUND);
    }

    @Test
    void outputIsSymmetricWithUnitDiagonal() {
        int n = 57;
        int d = 300;
        float[] got = new JavaKernels().cosineMatrices(randomRows(5, n * d, 0.1f), 1, n, d);
        for (int i = 0; i < n; i++) {
            assertThat(got[i * n + i]).isCloseTo(1.0f, org.assertj.core.data.Offset.offset(2.4e-7f));
            for (int j = 0; j < n; j++) {
                assertThat(Float.floatToRawIntBits(got[i * n + j])).isEqualTo(Float.floatToRawIntBits(got[j * n + i]));
                assertThat(Math.abs(got[i * n + j])).isLessThanOrEqualTo(1.0f + 2.4e-7f);
            }
        }
    }

    @Test
    void knownSmallCase() {
        // rows (3, 4), (4, 3), (0, 2): cos = 24/25, 8/10, 6/10
        float[] rows = {3, 4, 4, 3, 0, 2};
        float[] got = new JavaKernels().cosineMatrices(rows, 1, 3, 2);
        assertThat(got).containsExactly(1f, 0.96f, 0.8f, 0.96f, 1f, 0.6f, 0.8f, 0.6f, 1f);
    }

    @Test
    void zeroRowGivesNaNRowAndColumnOnly() {
        int n = 9;
        int d = 20;
        float[] rows = randomRows(3, n * d, 0f);
        Arrays.fill(rows, 4 * d, 5 * d, 0f);
        float[] got = new JavaKernels().cosineMatrices(rows, 1, n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean touchesZero = i == 4 || j == 4;
                assertThat(Float.isNaN(got[i * n + j])).as("(%d,%d)", i, j).isEqualTo(touchesZero);
            }
        }
    }

    @Test
    void sameBitsForAnyThreadCountBlockAndSlab() throws Exception {
        int n = 150;
        int d = 203;
        float[] rows = randomRows(11, 2 * n * d, 0.05f);
        float[] reference = new JavaKernels().cosineMatrices(rows, 2, n, d);
        for (int threads : new int[] {1, 2, 3, 7}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                float[] got = pool.submit(() -> new JavaKernels().cosineMatrices(rows, 2, n, d)).get();
                assertThat(got).as("%d threads", threads).containsExactly(reference);
            } finally {
                pool.shutdown();
            }
        }
        for (int[] bs : new int[][] {{12, 128}, {24, 256}, {12, 1024}, {96, 128 * 1024}}) {
            float[] got = new CosineKernel(JavaKernels.bestEngine(), bs[0], bs[1]).cosineMatrices(rows, 2, n, d);
            assertThat(got).as("block %d slab %d", bs[0], bs[1]).containsExactly(reference);
        }
    }

    @Test
    void eachMatrixOfTheBatchIsIndependent() {
        int n = 13;
        int d = 40;
        float[] rows = randomRows(8, 3 * n * d, 0.2f);
        float[] batch = new JavaKernels().cosineMatrices(rows, 3, n, d);
        for (int b = 0; b < 3; b++) {
            float[] one = new JavaKernels().cosineMatrices(Arrays.copyOfRange(rows, b * n * d, (b + 1) * n * d), 1, n, d);
            assertThat(Arrays.copyOfRange(batch, b * n * n, (b + 1) * n * n)).containsExactly(one);
        }
    }

    @Test
    void perturbingOneInputChangesItsRowAndColumn() {
        int n = 6;
        int d = 16;
        float[] rows = randomRows(2, n * d, 0.2f);
        float[] before = new JavaKernels().cosineMatrices(rows, 1, n, d);
        rows[2 * d + 5] = Math.nextUp(rows[2 * d + 5] + 1e-3f);
        float[] after = new JavaKernels().cosineMatrices(rows, 1, n, d);
        assertThat(after[2 * n + 4]).isNotEqualTo(before[2 * n + 4]);
        assertThat(after[0 * n + 1]).isEqualTo(before[0 * n + 1]);
    }

    @Test
    void emptyBatchesAndBadShapes() {
        assertThat(new JavaKernels().cosineMatrices(new float[0], 0, 5, 3)).isEmpty();
        assertThat(new JavaKernels().cosineMatrices(new float[0], 2, 0, 3)).isEmpty();
        float[] zeroDim = new JavaKernels().cosineMatrices(new float[0], 1, 2, 0);
        assertThat(zeroDim).containsExactly(Float.NaN, Float.NaN, Float.NaN, Float.NaN);
        assertThatThrownBy(() -> new JavaKernels().cosineMatrices(new float[10], 1, 3, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12");
        assertThatThrownBy(() -> new JavaKernels().cosineMatrices(new float[10], -1, 3, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describesItsDevice() {
        assertThat(new JavaKernels().name()).isEqualTo("java");
        assertThat(new JavaKernels().device()).contains("CPU");
        assertThat(new JavaKernels(new ScalarDotTiles()).device()).contains("scalar");
        assertThat(Backends.get("java")).isInstanceOf(JavaKernels.class);
        assertThat(Backends.available()).contains("java");
        assertThatThrownBy(() -> Backends.get("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java");
    }
}
