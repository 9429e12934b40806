package laminar.kernels;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mantel cross sums ({@link MantelCrossSums}) on pairs that link arbitrary matrices: groups of linked matrices
 * (a matrix that is one pair's second and another's first, a matrix against itself, a pair given twice, a first
 * matrix with a higher index than its second), against the definition in double within the proven bound; the
 * documented order (row sums of {@link RowDots#gathered} added in the order of B's rows, bit for bit); both
 * engines' bits (the Vector API engine used at every n here, as from {@link ResamplingKernels#SCALAR_BELOW} words in a
 * run); an identical permutation anywhere in any block gives the same bits; and no dependence on the thread count.
 */
class MantelCrossSumsTest {

    private static final int N = 301; // rows of 300 columns down to 1: two panels, a part panel and odd tails
    private static final int M = 8;
    private static final int P = 37; // crosses the task blocks of 16 permutations
    // groups {0, 1, 2, 5} (2 and 0 are a second and a first; 5 against itself; (0, 2) twice), {3, 4, 6} (6 > 3)
    // and {7}: two-matrix units with two firsts and with one, one-matrix units with two firsts and with one
    private static final int[] FIRST = {0, 3, 1, 2, 6, 5, 0, 4, 1, 7};
    private static final int[] SECOND = {2, 4, 2, 5, 3, 5, 2, 3, 0, 7};
    private static final float[] COS = symmetric(new Random(23));
    private static final int[] PERMS = permutations(new Random(29));

    private static float[] symmetric(Random random) {
        float[] a = new float[M * N * N];
        for (int b = 0; b < M; b++) {
            for (int i = 0; i < N; i++) {
                a[(b * N + i) * N + i] = 1;
                for (int j = i + 1; j < N; j++) {
                    float v = (float) (0.3 * b - 0.5 + random.nextGaussian());
                    a[(b * N + i) * N + j] = v;
                    a[(b * N + j) * N + i] = v;
                }
            }
        }
        return a;
    }

    /** P random permutations; the identity at 20 and permutation 3 again at 33 (other blocks, other positions). */
    private static int[] permutations(Random random) {
        int[] out = ResamplingKernelsTest.permutations(random, P, N);
        for (int i = 0; i < N; i++) {
            out[20 * N + i] = i;
        }
        System.arraycopy(out, 3 * N, out, 33 * N, N);
        return out;
    }

    /** The scalar engine, and the SIMD engine used at every n (as at n ≥ 256 in a run). */
    private static RowDots[] engines() {
        return new RowDots[] {new ScalarRowDots(), RowDots.best()};
    }

    @Test
    void groupsAreTheLinkedMatrices() {
        MantelGroups.Group[] groups = MantelGroups.of(M, FIRST, SECOND).groups();
        assertThat(groups).hasSize(3);
        assertThat(groups[0].pairs()).containsExactly(0, 2, 3, 5, 6, 8);
        assertThat(groups[1].pairs()).containsExactly(1, 4, 7);
        assertThat(groups[2].pairs()).containsExactly(9);
        // seconds (0, 2) against firsts (0, 1); second 5 alone against firsts (2, 5); (0, 2) × (2, 5) links nothing
        assertThat(groups[0].units()).containsExactly(0, 2, 5, -1);
        assertThat(groups[0].calls()).containsExactly(0, 0, 1, 0, 1, 2, 5, 4);
        // a laminar layer (Q, K, V; pairs QK, QV, KV) is one gather call: seconds (K, V) against firsts (Q, K)
        MantelGroups.Group layer = MantelGroups.of(3, new int[] {0, 0, 1}, new int[] {1, 2, 2}).groups()[0];
        assertThat(layer.calls()).containsExactly(0, 0, 1, 0);
        assertThat(layer.units()).containsExactly(1, 2);
        assertThat(layer.slots()).containsExactly(0, 2, 3);
    }

    @Test
    void crossSumsAreTheDefinitionWithinTheBound() {
        for (RowDots engine : engines()) {
            double[] out = MantelCrossSums.sums(engine, COS, M, N, FIRST, SECOND, PERMS, P);
            ResamplingKernelsTest.assertCrossSums(out, COS, N, FIRST, SECOND, PERMS, P);
        }
    }

    @Test
    void rowSumsAreAddedInTheOrderOfBsRows() {
        // the documented order, written out with one gathered call per pair and row: bit for bit
        RowDots scalar = new ScalarRowDots();
        double[] out = MantelCrossSums.sums(engines()[1], COS, M, N, FIRST, SECOND, PERMS, P);
        for (int k = 0; k < FIRST.length; k++) {
            for (int q : new int[] {0, 20, 36}) {
                int[] inverse = new int[N];
                for (int v = 0; v < N; v++) {
                    inverse[PERMS[q * N + v]] = v;
                }
                double[] acc = new double[RowDots.SLOTS];
                for (int r = 0; r < N; r++) {
                    int u = inverse[r];
                    scalar.gathered(COS, (SECOND[k] * N + r) * N, PERMS, q * N, COS, (FIRST[k] * N + u) * N, null, 0,
                            u + 1, N, acc, 0);
                }
                assertThat(out[k * P + q]).as("pair %d, permutation %d", k, q).isEqualTo(RowDots.total(acc, 0));
            }
        }
    }

    @Test
    void theEnginesGiveTheSameBits() {
        double[] scalar = MantelCrossSums.sums(engines()[0], COS, M, N, FIRST, SECOND, PERMS, P);
        assertThat(MantelCrossSums.sums(engines()[1], COS, M, N, FIRST, SECOND, PERMS, P)).containsExactly(scalar);
        assertThat(ResamplingKernels.host().permutedCrossSums(COS, M, N, FIRST, SECOND, PERMS, P))
                .as("the default engines (SIMD from %d words)", ResamplingKernels.SCALAR_BELOW)
                .containsExactly(scalar);
    }

    @Test
    void anIdenticalPermutationGivesTheSameBitsInAnyCallOrBlock() {
        int[] identity = new int[N];
        Arrays.setAll(identity, i -> i);
        int[] third = Arrays.copyOfRange(PERMS, 3 * N, 4 * N);
        for (RowDots engine : engines()) {
            double[] block = MantelCrossSums.sums(engine, COS, M, N, FIRST, SECOND, PERMS, P);
            double[] observed = MantelCrossSums.sums(engine, COS, M, N, FIRST, SECOND, identity, 1);
            double[] alone = MantelCrossSums.sums(engine, COS, M, N, FIRST, SECOND, third, 1);
            for (int k = 0; k < FIRST.length; k++) {
                assertThat(block[k * P + 20]).as("identity in the second block, pair %d", k).isEqualTo(observed[k]);
                assertThat(block[k * P + 3]).as("permutation 3 alone, pair %d", k).isEqualTo(alone[k]);
                assertThat(block[k * P + 33]).as("permutation 3 again in the last block, pair %d", k)
                        .isEqualTo(alone[k]);
            }
            // a pair given twice: the same sum
            assertThat(Arrays.copyOfRange(block, 6 * P, 7 * P)).containsExactly(Arrays.copyOfRange(block, 0, P));
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        for (RowDots engine : engines()) {
            double[] parallel = MantelCrossSums.sums(engine, COS, M, N, FIRST, SECOND, PERMS, P);
            for (int threads : new int[] {1, 3}) {
                ForkJoinPool pool = new ForkJoinPool(threads);
                try {
                    assertThat(pool.submit(() -> MantelCrossSums.sums(engine, COS, M, N, FIRST, SECOND, PERMS, P))
                            .get())
                            .as("%d threads", threads).containsExactly(parallel);
                } finally {
                    pool.shutdown();
                }
            }
        }
    }
}
