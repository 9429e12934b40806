package laminar.kernels;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The permutation and bootstrap kernels' accuracy contract ({@link RowDots}): every sum within
 * {@link RowDots#BOUND} (17·2^-24 + 2^-28 ≈ 1.017e-6) of the exact sum (BigDecimal), relative to the sum of the
 * terms' absolute values, on adversarial matrices: magnitudes over twelve decades with random signs, a constant
 * 1/3 whose every float addition rounds the same way, and large values that cancel to small sums. n = 700 crosses
 * panels (128 columns) and leaves tails (700 is not a multiple of 8). Also: the scalar and SIMD engines give the same
 * bits; relabellings with the same partition (codes swapped, or alone in a call instead of inside a block) give
 * the same bits, so the permutation counts tie exactly; and no result depends on the thread count.
 */
class ResamplingAccuracyTest {

    private static final int N = 700;
    private static final int M = 3;
    private static final int P = 3;
    private static final float[] MATS = adversarial();
    private static final float[] Z = new JavaKernels().fisherZ(cosines());
    private static final int[] CATEGORY = new int[N];
    private static final int[] PERMS;
    private static final int[] LABELS = new int[P * N];
    private static final double[] WEIGHTS = new double[P * N];
    private static final int[] FIRST = {0, 0, 1};
    private static final int[] SECOND = {1, 2, 2};

    static {
        Random r = new Random(3);
        for (int i = 0; i < N; i++) {
            CATEGORY[i] = r.nextInt(3);
        }
        PERMS = ResamplingKernelsTest.permutations(r, P, N);
        for (int q = 0; q < P; q++) {
            for (int i = 0; i < N; i++) {
                LABELS[q * N + i] = CATEGORY[PERMS[q * N + i]];
                WEIGHTS[q * N + r.nextInt(N)]++;
            }
        }
    }

    /** Symmetric [M][N][N]: decades with random signs; a constant 1/3; ±1e4 cancelling, plus small values. */
    private static float[] adversarial() {
        Random r = new Random(17);
        float[] a = new float[M * N * N];
        for (int i = 0; i < N; i++) {
            for (int j = i; j < N; j++) {
                float[] v = {
                    (float) ((r.nextBoolean() ? 1 : -1) * Math.pow(10, -6 + 12 * r.nextDouble())),
                    1f / 3f,
                    (float) (((i + j) % 2 == 0 ? 1e4 : -1e4) + r.nextGaussian() * 1e-3)};
                for (int b = 0; b < M; b++) {
                    a[(b * N + i) * N + j] = v[b];
                    a[(b * N + j) * N + i] = v[b];
                }
            }
        }
        return a;
    }

    /** Values in (−1, 1) for the Fisher-z transform. */
    private static float[] cosines() {
        float[] c = new float[MATS.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) Math.tanh(MATS[i] * 1e-4);
        }
        return c;
    }

    private static ResamplingKernels[] engines() {
        // threshold 0: each engine at every n (the host instance runs small n on the plain engine)
        return new ResamplingKernels[] {new ResamplingKernels(new ScalarRowDots(), 0), new ResamplingKernels(RowDots.best(), 0)};
    }

    /** An exact sum and the sum of its terms' absolute values (also {@link BootstrapExact}'s). */
    static final class Exact {
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal abs = BigDecimal.ZERO;

        void add(BigDecimal t) {
            sum = sum.add(t);
            abs = abs.add(t.abs());
        }

        double check(double actual, String what) {
            double magnitude = abs.doubleValue();
            double error = new BigDecimal(actual).subtract(sum).abs().doubleValue();
            assertThat(error).as("%s: error vs exact, Σ|terms| = %g", what, magnitude)
                    .isLessThanOrEqualTo(RowDots.BOUND * magnitude);
            return magnitude == 0 ? 0 : error / magnitude;
        }
    }

    private static BigDecimal big(float f) {
        return new BigDecimal(f);
    }

    @Test
    void withinAndMantelSumsStayInsideTheProvenBound() {
        double worst = 0;
        for (ResamplingKernels engine : engines()) {
            double[] within = engine.permutedWithinSums(MATS, Z, M, N, LABELS, P);
            double[] cross = engine.permutedCrossSums(MATS, M, N, FIRST, SECOND, PERMS, P);
            for (int b = 0; b < M; b++) {
                for (int q = 0; q < P; q++) {
                    Exact[] e = {new Exact(), new Exact(), new Exact(), new Exact()};
                    for (int i = 0; i < N; i++) {
                        for (int j = i + 1; j < N; j++) {
                            if (LABELS[q * N + i] == LABELS[q * N + j]) {
                                BigDecimal x = big(MATS[(b * N + i) * N + j]);
                                BigDecimal z = big(Z[(b * N + i) * N + j]);
                                e[0].add(x);
                                e[1].add(x.multiply(x));
                                e[2].add(z);
                                e[3].add(z.multiply(z));
                            }
                        }
                    }
                    for (int s = 0; s < 4; s++) {
                        worst = Math.max(worst, e[s].check(within[(b * P + q) * 4 + s],
                                engine.describe() + " within sum " + s + " of matrix " + b + ", relabelling " + q));
                    }
                }
            }
            for (int k = 0; k < FIRST.length; k++) {
                for (int q = 0; q < P; q++) {
                    Exact e = new Exact();
                    for (int i = 0; i < N; i++) {
                        for (int j = i + 1; j < N; j++) {
                            int pi = PERMS[q * N + i];
                            int pj = PERMS[q * N + j];
                            e.add(big(MATS[(FIRST[k] * N + i) * N + j]).multiply(big(MATS[(SECOND[k] * N + pi) * N + pj])));
                        }
                    }
                    worst = Math.max(worst, e.check(cross[k * P + q], engine.describe() + " Mantel pair " + k));
                }
            }
        }
        System.out.printf("within/Mantel sums: worst error %.3g of Σ|terms| (bound %.3g)%n", worst, RowDots.BOUND);
    }

    @Test
    void bootstrapSumsStayInsideTheProvenBound() {
        // the random labels (rows copied into category order), then contiguous categories (rows read in place) with
        // resamples within each category, as the inference draws them
        int[] contiguous = new int[N];
        for (int i = 0; i < N; i++) {
            contiguous[i] = i * 3 / N;
        }
        double[] within = BootstrapExact.withinResamples(contiguous, P, new Random(19));
        double worst = 0;
        for (ResamplingKernels engine : engines()) {
            worst = Math.max(worst, BootstrapExact.check(engine.bootstrapSums(MATS, Z, M, N, CATEGORY, WEIGHTS, P),
                    engine.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, WEIGHTS, P), MATS, Z, M, N, CATEGORY, WEIGHTS,
                    P, FIRST, SECOND, engine.describe() + ", random labels"));
            worst = Math.max(worst, BootstrapExact.check(engine.bootstrapSums(MATS, Z, M, N, contiguous, within, P),
                    engine.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, within, P), MATS, Z, M, N, contiguous, within,
                    P, FIRST, SECOND, engine.describe() + ", contiguous categories"));
        }
        System.out.printf("bootstrap sums: worst error %.3g of Σ|terms| (bound %.3g)%n", worst, RowDots.BOUND);
    }

    @Test
    void theScalarAndSimdEnginesGiveTheSameBits() {
        ResamplingKernels scalar = engines()[0];
        ResamplingKernels host = engines()[1];
        assertThat(host.permutedWithinSums(MATS, Z, M, N, LABELS, P))
                .containsExactly(scalar.permutedWithinSums(MATS, Z, M, N, LABELS, P));
        assertThat(host.permutedCrossSums(MATS, M, N, FIRST, SECOND, PERMS, P))
                .containsExactly(scalar.permutedCrossSums(MATS, M, N, FIRST, SECOND, PERMS, P));
        assertThat(host.bootstrapSums(MATS, Z, M, N, CATEGORY, WEIGHTS, P))
                .containsExactly(scalar.bootstrapSums(MATS, Z, M, N, CATEGORY, WEIGHTS, P));
        assertThat(host.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, WEIGHTS, P))
                .containsExactly(scalar.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, WEIGHTS, P));
    }

    @Test
    void relabellingsWithTheSamePartitionGiveTheSameBits() {
        // the observed labels alone in a call, then inside a block: first with their category codes swapped, then
        // as they are, among other relabellings
        int[] block = new int[4 * N];
        for (int i = 0; i < N; i++) {
            block[i] = LABELS[i];
            block[N + i] = new int[] {2, 0, 1}[CATEGORY[i]];
            block[2 * N + i] = LABELS[N + i];
            block[3 * N + i] = CATEGORY[i];
        }
        int[] identity = new int[N];
        int[] perms = new int[3 * N];
        for (int i = 0; i < N; i++) {
            identity[i] = i;
            perms[i] = PERMS[i];
            perms[N + i] = i;
            perms[2 * N + i] = PERMS[N + i];
        }
        for (ResamplingKernels engine : engines()) {
            double[] alone = engine.permutedWithinSums(MATS, Z, M, N, CATEGORY, 1);
            double[] inBlock = engine.permutedWithinSums(MATS, Z, M, N, block, 4);
            double[] crossAlone = engine.permutedCrossSums(MATS, M, N, FIRST, SECOND, identity, 1);
            double[] crossInBlock = engine.permutedCrossSums(MATS, M, N, FIRST, SECOND, perms, 3);
            for (int b = 0; b < M; b++) {
                for (int s = 0; s < 4; s++) {
                    assertThat(inBlock[(b * 4 + 1) * 4 + s]).as("codes swapped").isEqualTo(alone[b * 4 + s]);
                    assertThat(inBlock[(b * 4 + 3) * 4 + s]).as("inside a block").isEqualTo(alone[b * 4 + s]);
                }
            }
            for (int k = 0; k < FIRST.length; k++) {
                assertThat(crossInBlock[k * 3 + 1]).as("identity inside a block").isEqualTo(crossAlone[k]);
            }
        }
    }

    @Test
    void aPartitionTiesAtEvenAndOddPositionsAndAcrossBlocks() {
        // 95 relabellings make two tasks' blocks of 48 and 47 at n = 700 (LABEL_BYTES): the observed partition, under
        // three codings, at 0 (first of block 0), 47 (odd, last of block 0), 48 (first of block 1) and 94 (last of
        // block 1, an odd block); the rest are permutations
        int p = 95;
        int[] at = {0, 47, 48, 94};
        int[][] codings = {{2, 0, 1}, {0, 1, 2}, {1, 2, 0}, {0, 1, 2}};
        int[] labels = new int[p * N];
        for (int q = 0; q < p; q++) {
            System.arraycopy(LABELS, (q % P) * N, labels, q * N, N);
        }
        for (int k = 0; k < at.length; k++) {
            for (int i = 0; i < N; i++) {
                labels[at[k] * N + i] = codings[k][CATEGORY[i]];
            }
        }
        for (ResamplingKernels engine : engines()) {
            double[] alone = engine.permutedWithinSums(MATS, Z, M, N, CATEGORY, 1);
            double[] all = engine.permutedWithinSums(MATS, Z, M, N, labels, p);
            double[] single = engine.permutedWithinSums(MATS, M, N, labels, p);
            double[] reference = engine.permutedWithinSums(MATS, Z, M, N, LABELS, P);
            for (int b = 0; b < M; b++) {
                for (int q : at) {
                    for (int s = 0; s < 4; s++) {
                        assertThat(all[(b * p + q) * 4 + s]).as("%s: at %d, sum %d", engine.describe(), q, s)
                                .isEqualTo(alone[b * 4 + s]);
                    }
                    assertThat(single[(b * p + q) * 2]).as("single-matrix kernel").isEqualTo(alone[b * 4]);
                    assertThat(single[(b * p + q) * 2 + 1]).as("single-matrix kernel").isEqualTo(alone[b * 4 + 1]);
                }
                for (int q = 0; q < p; q++) { // the permutations around them: the same bits as in a call of P
                    if (java.util.Arrays.binarySearch(at, q) < 0) {
                        for (int s = 0; s < 4; s++) {
                            assertThat(all[(b * p + q) * 4 + s]).as("permutation at %d", q)
                                    .isEqualTo(reference[(b * P + q % P) * 4 + s]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        ResamplingKernels k = ResamplingKernels.host();
        Supplier<double[][]> all = () -> new double[][] {
            k.permutedWithinSums(MATS, Z, M, N, LABELS, P),
            k.permutedCrossSums(MATS, M, N, FIRST, SECOND, PERMS, P),
            k.bootstrapSums(MATS, Z, M, N, CATEGORY, WEIGHTS, P),
            k.bootstrapCrossSums(MATS, M, N, FIRST, SECOND, WEIGHTS, P)};
        double[][] parallel = all.get();
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            double[][] single = one.submit(all::get).get();
            for (int i = 0; i < parallel.length; i++) {
                assertThat(single[i]).as("kernel %d", i).containsExactly(parallel[i]);
            }
        } finally {
            one.shutdown();
        }
    }
}
