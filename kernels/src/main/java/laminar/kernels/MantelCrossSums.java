package laminar.kernels;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The Mantel cross sums on the host ({@link KernelBackend#permutedCrossSums}): for pair k (A = first[k],
 * B = second[k]) and permutation π, {@code Σ_{u<v} A[u][v]·B[π(u)][π(v)]}.
 *
 * <p><b>Order.</b> Row u of A contributes the row sum {@code Σ_{v>u} A[u][v]·B[π(u)][π(v)]} over columns
 * [u+1, n) in the canonical order of {@link RowDots#gathered} (the same bits as a gathered call of its own;
 * {@link RowDots#gatheredPairs} gives those bits for two second matrices at once). The row sums are added into the
 * output's double lane and tail sums in the order of B's row r = π(u) = 0, 1, ..., n−1 (u = π⁻¹(r)), so the order
 * of every sum depends only on the permutation: an identical permutation gives the same bits in any call, block or
 * position; for the identity r = u (A's rows in order: the observed statistic has the bits it had when the rows
 * were taken in A's order). The bound of {@link RowDots} holds: a different order of the same double additions.
 *
 * <p><b>Why in B's row order.</b> Row r of B is gathered by every permutation of a block while it sits in L1 (the
 * rows of a group's two second matrices packed as 64-bit pairs, so that one gather brings both: the gathers are
 * most of the time, ~0.5-0.9 ns per gathered element on a Zen 3), and read from memory once per block, in order;
 * the random reads are A's rows u from column u+1 (half a row on average), and all pairs of a
 * {@link MantelGroups group} share them (a laminar layer: Q's row serves QK and QV, K's row serves KV). Per layer
 * and permutation that is 16 MB of half rows of Q and K at n = 2,000, where rows in A's order read a whole random
 * row of K and of V (32 MB) and gathered K's and V's values separately.
 *
 * <p><b>Work split.</b> One parallel loop per call over tasks (group × block of permutations), handed out in that
 * order to one worker per core, so that the cores work on the same group at once and share its rows in the cache;
 * at small n the blocks hold more permutations (a task at least {@link #MIN_TERMS} terms) and the whole call is
 * one fork/join. Each output is summed by one task in the fixed order above: results do not depend on the thread
 * count or on the split.
 */
final class MantelCrossSums {

    /** Permutations per task at large n (their indices and inverses, 2 × 16 × n ints, stay in L2 at n = 2,000). */
    static final int PERMUTATIONS = 16;

    /** Fewest terms per task worth a task of its own (small n: fewer, larger blocks). */
    static final long MIN_TERMS = 1 << 22;

    private MantelCrossSums() {
    }

    /** {@code [pairs][p]} on {@code dots}: arguments as {@link KernelBackend#permutedCrossSums}, already checked. */
    static double[] sums(RowDots dots, float[] cos, int m, int n, int[] first, int[] second, int[] perms, int p) {
        double[] out = new double[first.length * p];
        MantelGroups.Group[] groups = MantelGroups.of(m, first, second).groups();
        if (p == 0 || groups.length == 0 || n < 2) {
            return out;
        }
        long termsPerPermutation = Math.max(1L, (long) first.length / groups.length * n * (n - 1) / 2);
        long fill = (MIN_TERMS + termsPerPermutation - 1) / termsPerPermutation;
        int block = (int) Math.min(p, Math.max(PERMUTATIONS, fill));
        int blocks = (p + block - 1) / block;
        int tasks = groups.length * blocks;
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(tasks, Runtime.getRuntime().availableProcessors());
        IntStream.range(0, workers).parallel().forEach(w -> {
            for (int t = next.getAndIncrement(); t < tasks; t = next.getAndIncrement()) {
                int q0 = (t % blocks) * block;
                block(dots, cos, n, groups[t / blocks], perms, q0, Math.min(p, q0 + block), p, out);
            }
        });
        return out;
    }

    /** One group's sums for permutations [q0, q1), into {@code out[k * p + q]}. */
    private static void block(RowDots dots, float[] cos, int n, MantelGroups.Group group, int[] perms, int q0, int q1,
                              int p, double[] out) {
        int[] units = group.units();
        int[] calls = group.calls();
        int width = group.width();
        int qs = q1 - q0;
        int[] inverse = new int[qs * n];
        for (int q = 0; q < qs; q++) {
            for (int v = 0; v < n; v++) {
                inverse[q * n + perms[(q0 + q) * n + v]] = v;
            }
        }
        long[][] packed = new long[units.length / 2][];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = units[2 * i + 1] < 0 ? null : new long[n];
        }
        double[] acc = new double[qs * width * RowDots.SLOTS];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < packed.length; i++) {
                if (packed[i] != null) { // row r of both seconds, once for the whole block
                    dots.interleave(cos, (units[2 * i] * n + r) * n, cos, (units[2 * i + 1] * n + r) * n, packed[i],
                            0, n);
                }
            }
            for (int q = 0; q < qs; q++) {
                int u = inverse[q * n + r];
                if (u == n - 1) {
                    continue; // its row has no column v > u
                }
                for (int c = 0; c < calls.length; c += MantelGroups.CALL) {
                    int unit = calls[c];
                    int a0 = (calls[c + 1] * n + u) * n;
                    int f1 = calls[c + 2];
                    int o = (q * width + calls[c + 3]) * RowDots.SLOTS;
                    if (packed[unit] != null) {
                        dots.gatheredPairs(packed[unit], 0, perms, (q0 + q) * n, cos, a0, cos,
                                f1 < 0 ? a0 : (f1 * n + u) * n, u + 1, n, acc, o);
                    } else {
                        dots.gathered(cos, (units[2 * unit] * n + r) * n, perms, (q0 + q) * n, cos, a0,
                                f1 < 0 ? null : cos, f1 < 0 ? 0 : (f1 * n + u) * n, u + 1, n, acc, o);
                    }
                }
            }
        }
        int[] pairs = group.pairs();
        int[] slots = group.slots();
        for (int q = 0; q < qs; q++) {
            for (int j = 0; j < pairs.length; j++) {
                out[pairs[j] * p + q0 + q] = RowDots.total(acc, (q * width + slots[j]) * RowDots.SLOTS);
            }
        }
    }
}
