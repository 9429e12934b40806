package laminar.kernels;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bootstrap kernels' category ranges ({@link BootstrapKernels}, {@link CategoryBlocks}) on every kind of category
 * layout: contiguous (the rows read in place), contiguous with the codes out of order, interleaved labels, random
 * labels, many small categories, one category (no across columns) and two of very different sizes (within ranges
 * over several panels); with within-category resamples and with counts up to 2^20 (pair weights up to 2^40). Every
 * sum within {@link RowDots#BOUND} of the exact sum (BigDecimal) relative to Σ|terms|, on adversarial values (twelve
 * decades with random signs, a constant 1/3, ±1e4 cancelling); the scalar and SIMD engines give the same bits; a
 * resample gives the same bits alone in a call as inside a block (so sharing a pass changes nothing) and in a call of
 * more resamples than a task holds; and the results do not depend on the thread count.
 */
class BootstrapKernelsTest {

    private static final int N = 200;
    private static final int M = 3;
    private static final int P = 3;
    private static final float[] MATS = adversarial();
    private static final float[] Z = new JavaKernels().fisherZ(tanh(MATS));
    private static final int[] FIRST = {0, 0, 1, 2};
    private static final int[] SECOND = {1, 2, 2, 0};

    /** Symmetric [M][N][N]: decades with random signs; a constant 1/3; ±1e4 cancelling, plus small values. */
    private static float[] adversarial() {
        Random r = new Random(29);
        float[] a = new float[M * N * N];
        for (int i = 0; i < N; i++) {
            for (int j = i; j < N; j++) {
                float[] v = {(float) ((r.nextBoolean() ? 1 : -1) * Math.pow(10, -6 + 12 * r.nextDouble())), 1f / 3f,
                    (float) (((i + j) % 2 == 0 ? 1e4 : -1e4) + r.nextGaussian() * 1e-3)};
                for (int b = 0; b < M; b++) {
                    a[(b * N + i) * N + j] = v[b];
                    a[(b * N + j) * N + i] = v[b];
                }
            }
        }
        return a;
    }

    private static float[] tanh(float[] a) {
        float[] c = new float[a.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) Math.tanh(a[i] * 1e-4);
        }
        return c;
    }

    /** The category layouts, by name. */
    private static Map<String, int[]> layouts() {
        Map<String, int[]> out = new TreeMap<>();
        Random r = new Random(31);
        int[] contiguous = new int[N];
        int[] outOfOrder = new int[N];
        int[] interleaved = new int[N];
        int[] random = new int[N];
        int[] small = new int[N];
        int[] one = new int[N];
        int[] uneven = new int[N];
        for (int i = 0; i < N; i++) {
            contiguous[i] = i * 3 / N;
            outOfOrder[i] = new int[] {9, 2, 5}[i * 3 / N];
            interleaved[i] = i % 3;
            random[i] = r.nextInt(4);
            small[i] = (i / 3) % 11; // runs of 3 words, 11 categories, each in many runs
            one[i] = 4;
            uneven[i] = i < 170 ? 1 : 0;
        }
        out.put("contiguous", contiguous);
        out.put("contiguous, codes out of order", outOfOrder);
        out.put("interleaved", interleaved);
        out.put("random", random);
        out.put("many small categories in runs", small);
        out.put("one category", one);
        out.put("two categories of 170 and 30", uneven);
        return out;
    }

    private static double[] withinResamples(int[] category, Random r) {
        return BootstrapExact.withinResamples(category, P, r);
    }

    /** Counts with many zeros, small values and a few up to 2^20. */
    private static double[] largeCounts(Random r) {
        double[] w = new double[P * N];
        for (int i = 0; i < w.length; i++) {
            int kind = r.nextInt(10);
            w[i] = kind < 4 ? 0 : kind < 9 ? 1 + r.nextInt(5) : 1 + r.nextInt(1 << 20);
        }
        return w;
    }

    private static ResamplingKernels[] engines() {
        // threshold 0: each engine at every n (the host instance runs small n on the plain engine)
        return new ResamplingKernels[] {new ResamplingKernels(new ScalarRowDots(), 0), new ResamplingKernels(RowDots.best(), 0)};
    }

    private static void assertWithinBound(int[] category, double[] weights, String what) {
        for (ResamplingKernels engine : engines()) {
            BootstrapExact.check(engine.bootstrapSums(MATS, Z, M, N, category, weights, P),
                    engine.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, weights, P), MATS, Z, M, N, category, weights,
                    P, FIRST, SECOND, engine.describe() + ", " + what);
        }
    }

    @Test
    void everyCategoryLayoutStaysInsideTheProvenBound() {
        Random r = new Random(37);
        for (Map.Entry<String, int[]> layout : layouts().entrySet()) {
            assertWithinBound(layout.getValue(), withinResamples(layout.getValue(), r), layout.getKey());
        }
    }

    @Test
    void largeCountsStayInsideTheProvenBound() {
        Random r = new Random(41);
        for (String name : new String[] {"contiguous", "interleaved"}) {
            assertWithinBound(layouts().get(name), largeCounts(r), name + ", counts up to 2^20");
        }
    }

    @Test
    void theEnginesAgreeBitForBitAndAResampleAloneGivesTheSameBits() {
        Random r = new Random(43);
        ResamplingKernels scalar = engines()[0];
        ResamplingKernels host = engines()[1];
        for (Map.Entry<String, int[]> layout : layouts().entrySet()) {
            int[] category = layout.getValue();
            double[] weights = layout.getKey().startsWith("random") ? largeCounts(r) : withinResamples(category, r);
            double[] sums = host.bootstrapSums(MATS, Z, M, N, category, weights, P);
            double[] cross = host.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, weights, P);
            assertThat(scalar.bootstrapSums(MATS, Z, M, N, category, weights, P)).as(layout.getKey())
                    .containsExactly(sums);
            assertThat(scalar.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, weights, P)).as(layout.getKey())
                    .containsExactly(cross);
            for (int q = 0; q < P; q++) {
                // the resample alone: no second resample in its passes, no others among the cross sums' eight
                double[] one = java.util.Arrays.copyOfRange(weights, q * N, (q + 1) * N);
                for (ResamplingKernels engine : engines()) {
                    double[] alone = engine.bootstrapSums(MATS, Z, M, N, category, one, 1);
                    double[] crossAlone = engine.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, one, 1);
                    for (int b = 0; b < M; b++) {
                        for (int s = 0; s < 8; s++) {
                            assertThat(alone[b * 8 + s]).as("%s: sum %d of matrix %d, resample %d alone",
                                    layout.getKey(), s, b, q).isEqualTo(sums[(b * P + q) * 8 + s]);
                        }
                    }
                    for (int k = 0; k < FIRST.length; k++) {
                        assertThat(crossAlone[k]).as("%s: cross %d, resample %d alone", layout.getKey(), k, q)
                                .isEqualTo(cross[k * P + q]);
                    }
                }
            }
        }
    }

    @Test
    void moreResamplesThanATaskHoldsGiveEachResamplesOwnBits() {
        // 70 resamples (more than one task's 64): the three of a small call repeated, each with its own bits
        int[] category = layouts().get("interleaved");
        double[] weights = largeCounts(new Random(53));
        int many = 70;
        double[] repeated = new double[many * N];
        for (int q = 0; q < many; q++) {
            System.arraycopy(weights, (q % P) * N, repeated, q * N, N);
        }
        for (ResamplingKernels engine : engines()) {
            double[] sums = engine.bootstrapSums(MATS, Z, M, N, category, weights, P);
            double[] cross = engine.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, weights, P);
            double[] manySums = engine.bootstrapSums(MATS, Z, M, N, category, repeated, many);
            double[] manyCross = engine.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, repeated, many);
            for (int q = 0; q < many; q++) {
                for (int b = 0; b < M; b++) {
                    for (int s = 0; s < 8; s++) {
                        assertThat(manySums[(b * many + q) * 8 + s]).as("sum %d of matrix %d, resample %d", s, b, q)
                                .isEqualTo(sums[(b * P + q % P) * 8 + s]);
                    }
                }
                for (int k = 0; k < FIRST.length; k++) {
                    assertThat(manyCross[k * many + q]).as("cross %d, resample %d", k, q)
                            .isEqualTo(cross[k * P + q % P]);
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        ResamplingKernels k = ResamplingKernels.host();
        int[] category = layouts().get("contiguous");
        double[] weights = largeCounts(new Random(47));
        double[] sums = k.bootstrapSums(MATS, Z, M, N, category, weights, P);
        double[] cross = k.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, weights, P);
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            assertThat(one.submit(() -> k.bootstrapSums(MATS, Z, M, N, category, weights, P)).get())
                    .containsExactly(sums);
            assertThat(one.submit(() -> k.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, weights, P)).get())
                    .containsExactly(cross);
        } finally {
            one.shutdown();
        }
    }
}
