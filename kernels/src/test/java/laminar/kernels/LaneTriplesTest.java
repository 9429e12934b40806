package laminar.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link LaneTriples}, the Java backend's resampling layout (four triples per SIMD vector half): every sum within
 * {@link RowDots#BOUND} of an independent double computation relative to the sum of its terms' absolute values, on
 * adversarial values (twelve decades with random signs, a constant 1/3, ±1e4 cancelling); five triples (a full group
 * and one with three empty lanes); non-contiguous categories with arbitrary codes; n = 301 (odd Mantel ranges, rows
 * that end inside a panel). Also: relabellings with the same partition tie bit for bit, the thread count changes no
 * bit, the single calls agree within the bounds, bad draws are refused, and JavaKernels picks the layout from 256 words.
 */
class LaneTriplesTest {

    private static final int N = 301;
    private static final int T = 5;
    private static final int P = 5;
    private static final int R = 6;
    private static final float[] COS = adversarial(new Random(11), 0);
    private static final float[] Z = adversarial(new Random(12), 1);
    private static final int[] CODES = {7, -2, 40};
    private static final int[] CATEGORY = new int[N];
    private static final int[] PERMS;
    private static final int[] LABELS = new int[P * N];
    private static final double[] WEIGHTS = new double[R * N];
    private static final LaneTriples LANES;

    static {
        Random r = new Random(3);
        for (int i = 0; i < N; i++) {
            CATEGORY[i] = CODES[r.nextInt(3)];
        }
        PERMS = ResamplingKernelsTest.permutations(r, P, N);
        for (int q = 0; q < P; q++) {
            for (int i = 0; i < N; i++) {
                LABELS[q * N + i] = CATEGORY[PERMS[q * N + i]];
            }
        }
        for (int q = 0; q < R; q++) {
            for (int i = 0; i < N; i++) { // within-category resamples, as the bootstrap draws them
                int w;
                do {
                    w = r.nextInt(N);
                } while (CATEGORY[w] != CATEGORY[i]);
                WEIGHTS[q * N + w]++;
            }
        }
        LANES = LaneTriples.of(COS, Z, T, N);
    }

    /** Symmetric [3T][N][N]; matrix b's kind (decades, 1/3, cancelling) rotates with b + shift. */
    private static float[] adversarial(Random r, int shift) {
        float[] a = new float[3 * T * N * N];
        for (int b = 0; b < 3 * T; b++) {
            int kind = (b + shift) % 3;
            for (int i = 0; i < N; i++) {
                for (int j = i; j < N; j++) {
                    float v = switch (kind) {
                        case 0 -> (float) ((r.nextBoolean() ? 1 : -1) * Math.pow(10, -6 + 12 * r.nextDouble()));
                        case 1 -> 1f / 3f;
                        default -> (float) (((i + j) % 2 == 0 ? 1e4 : -1e4) + r.nextGaussian() * 1e-3);
                    };
                    a[(b * N + i) * N + j] = v;
                    a[(b * N + j) * N + i] = v;
                }
            }
        }
        return a;
    }

    private static float at(float[] mats, int b, int u, int v) {
        return mats[(b * N + u) * N + v];
    }

    private static void assertWithinBound(double got, double exact, double absSum, String what) {
        assertThat(Math.abs(got - exact)).as(what + ": " + got + " vs " + exact)
                .isLessThanOrEqualTo(RowDots.BOUND * absSum + Double.MIN_NORMAL);
    }

    @Test
    void withinSumsAreWithinTheBound() {
        double[] got = LANES.permutedWithinSums(LABELS, P);
        assertThat(got).hasSize(3 * T * P * 4);
        for (int b = 0; b < 3 * T; b++) {
            for (int q = 0; q < P; q++) {
                double[] exact = new double[4];
                double[] abs = new double[4];
                for (int u = 0; u < N; u++) {
                    for (int v = u + 1; v < N; v++) {
                        if (LABELS[q * N + u] == LABELS[q * N + v]) {
                            double x = at(COS, b, u, v);
                            double z = at(Z, b, u, v);
                            double[] t = {x, x * x, z, z * z};
                            for (int k = 0; k < 4; k++) {
                                exact[k] += t[k];
                                abs[k] += Math.abs(t[k]);
                            }
                        }
                    }
                }
                for (int k = 0; k < 4; k++) {
                    assertWithinBound(got[(b * P + q) * 4 + k], exact[k], abs[k], "matrix " + b + ", relabelling " + q
                            + ", sum " + k);
                }
            }
        }
    }

    @Test
    void mantelCrossSumsAreWithinTheBound() {
        double[] got = LANES.permutedCrossSums(PERMS, P);
        int[] first = TripleResampling.firsts(T);
        int[] second = TripleResampling.seconds(T);
        assertThat(got).hasSize(3 * T * P);
        for (int k = 0; k < 3 * T; k++) {
            for (int q = 0; q < P; q++) {
                double exact = 0;
                double abs = 0;
                for (int u = 0; u < N; u++) {
                    for (int v = u + 1; v < N; v++) {
                        double t = (double) at(COS, first[k], u, v)
                                * at(COS, second[k], PERMS[q * N + u], PERMS[q * N + v]);
                        exact += t;
                        abs += Math.abs(t);
                    }
                }
                assertWithinBound(got[k * P + q], exact, abs, "pair " + k + ", permutation " + q);
            }
        }
    }

    @Test
    void bootstrapSumsAndCrossSumsAreWithinTheBound() {
        TripleResampling.Bootstrap boot = LANES.bootstrap(CATEGORY, WEIGHTS, R);
        int[] first = TripleResampling.firsts(T);
        int[] second = TripleResampling.seconds(T);
        assertThat(boot.sums()).hasSize(3 * T * R * 8);
        assertThat(boot.cross()).hasSize(3 * T * R);
        for (int b = 0; b < 3 * T; b++) {
            for (int q = 0; q < R; q++) {
                double[] exact = new double[9];
                double[] abs = new double[9];
                for (int u = 0; u < N; u++) {
                    for (int v = u + 1; v < N; v++) {
                        double w = WEIGHTS[q * N + u] * WEIGHTS[q * N + v];
                        double x = at(COS, b, u, v);
                        double z = at(Z, b, u, v);
                        double[] t = {w * x, w * x * x, w * z, w * z * z};
                        boolean within = CATEGORY[u] == CATEGORY[v];
                        for (int k = 0; k < 4; k++) {
                            exact[4 + k] += t[k];
                            abs[4 + k] += Math.abs(t[k]);
                            if (within) {
                                exact[k] += t[k];
                                abs[k] += Math.abs(t[k]);
                            }
                        }
                        double c = w * at(COS, first[b], u, v) * at(COS, second[b], u, v);
                        exact[8] += c;
                        abs[8] += Math.abs(c);
                    }
                }
                for (int k = 0; k < 8; k++) {
                    assertWithinBound(boot.sums()[(b * R + q) * 8 + k], exact[k], abs[k], "matrix " + b + ", resample "
                            + q + ", sum " + k);
                }
                assertWithinBound(boot.cross()[b * R + q], exact[8], abs[8], "pair " + b + ", resample " + q);
            }
        }
    }

    @Test
    void relabellingsWithTheSamePartitionTieBitForBit() {
        // the observed labels; the same partition under other codes; and a relabelling that moves words only within
        // their categories (the same partition again), alone and inside a block of other relabellings
        int[] observed = CATEGORY.clone();
        int[] recoded = new int[N];
        int[] shuffled = new int[N];
        for (int i = 0; i < N; i++) {
            recoded[i] = CATEGORY[i] == 7 ? 40 : CATEGORY[i] == 40 ? -2 : 7;
        }
        // a permutation π that maps every category onto itself gives labels[i] = CATEGORY[π(i)] = CATEGORY[i]
        for (int i = 0; i < N; i++) {
            shuffled[i] = CATEGORY[i];
        }
        int[] block = new int[(P + 2) * N];
        System.arraycopy(LABELS, 0, block, 0, P * N);
        System.arraycopy(recoded, 0, block, P * N, N);
        System.arraycopy(shuffled, 0, block, (P + 1) * N, N);
        double[] alone = LANES.permutedWithinSums(observed, 1);
        double[] inBlock = LANES.permutedWithinSums(block, P + 2);
        for (int b = 0; b < 3 * T; b++) {
            for (int k = 0; k < 4; k++) {
                double o = alone[b * 4 + k];
                assertThat(inBlock[(b * (P + 2) + P) * 4 + k]).as("recoded labels").isEqualTo(o);
                assertThat(inBlock[(b * (P + 2) + P + 1) * 4 + k]).as("same labels inside a block").isEqualTo(o);
            }
        }
    }

    @Test
    void theThreadCountChangesNoBit() throws Exception {
        Supplier<double[][]> all = () -> {
            TripleResampling.Bootstrap boot = LANES.bootstrap(CATEGORY, WEIGHTS, R);
            return new double[][] {LANES.permutedWithinSums(LABELS, P), LANES.permutedCrossSums(PERMS, P),
                boot.sums(), boot.cross()};
        };
        double[][] common = all.get();
        ForkJoinPool one = new ForkJoinPool(1);
        try {
            double[][] single = one.submit(all::get).get();
            for (int i = 0; i < common.length; i++) {
                assertThat(single[i]).as("output " + i).isEqualTo(common[i]);
            }
        } finally {
            one.shutdown();
        }
    }

    @Test
    void theSingleCallsAgreeWithinBothBounds() {
        TripleResampling calls = TripleResampling.byCalls(new JavaKernels(), COS, Z, T, N);
        double[] a = calls.permutedWithinSums(LABELS, P);
        double[] b = LANES.permutedWithinSums(LABELS, P);
        double[] ma = calls.permutedCrossSums(PERMS, P);
        double[] mb = LANES.permutedCrossSums(PERMS, P);
        TripleResampling.Bootstrap ba = calls.bootstrap(CATEGORY, WEIGHTS, R);
        TripleResampling.Bootstrap bb = LANES.bootstrap(CATEGORY, WEIGHTS, R);
        // each within its bound of the exact sum (tests above): so within 2 bounds of each other, relative to the
        // largest |value| of the kind times the terms it sums (a loose but data-free scale)
        assertClose(a, b);
        assertClose(ma, mb);
        assertClose(ba.sums(), bb.sums());
        assertClose(ba.cross(), bb.cross());
    }

    private static void assertClose(double[] a, double[] b) {
        assertThat(b).hasSameSizeAs(a);
        double scale = 0;
        for (float v : COS) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (float v : Z) {
            scale = Math.max(scale, Math.abs(v));
        }
        // the largest Σ|terms|: every pair, weights up to N each, values squared
        double most = (double) N * N / 2 * scale * scale * 64;
        for (int i = 0; i < a.length; i++) {
            assertThat(Math.abs(a[i] - b[i])).as("output " + i).isLessThanOrEqualTo(2 * RowDots.BOUND * most);
        }
    }

    @Test
    void badDrawsAreRefused() {
        assertThatThrownBy(() -> LANES.permutedWithinSums(new int[N - 1], 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels");
        int[] notPermutation = new int[N];
        assertThatThrownBy(() -> LANES.permutedCrossSums(notPermutation, 1))
                .isInstanceOf(IllegalArgumentException.class);
        double[] half = new double[N];
        half[0] = 0.5;
        assertThatThrownBy(() -> LANES.bootstrap(CATEGORY, half, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("word count");
        assertThatThrownBy(() -> LaneTriples.of(new float[3], new float[3], 1, N))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void javaKernelsUseTheLanesFrom256Words() {
        float[] small = new float[3 * 34 * 34];
        float[] large = new float[3 * 256 * 256];
        JavaKernels k = new JavaKernels();
        assertThat(k.tripleResampling(small, small, 1, 34)).isNotInstanceOf(LaneTriples.class);
        assertThat(k.tripleResampling(large, large, 1, 256)).isInstanceOf(LaneTriples.class);
        assertThat(k.lanesFrom(2).tripleResampling(small, small, 1, 34)).isInstanceOf(LaneTriples.class);
    }
}
