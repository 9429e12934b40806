package laminar.kernels;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The permutation and bootstrap kernels on the host (see {@link KernelBackend#permutedWithinSums} and the methods
 * after it): they re-index cosine matrices that are already computed and never copy a whole matrix.
 *
 * <p>All sums are over word pairs u &lt; v of the strict upper triangle, in float32 panels of at most 16 terms per
 * lane that are added in double ({@link RowDots}: the canonical order, and the proof that every sum is within
 * {@link RowDots#BOUND} ≈ 1.01e-6 of the exact sum, relative to the sum of the terms' absolute values). A
 * relabelling's within-category sums mask each row with the words that carry the row's label (one pass over the
 * row for the cosines and their Fisher-z values together); the Mantel cross sums gather the permuted row of B
 * (copied first, so that the gathers read from L1) against row u of A; a bootstrap resample is a vector of word
 * counts c, and a pair of distinct words (u, v) counts c_u·c_v times (a word with its own copy is excluded, as the
 * resample's pairs of equal words are): row u's sums over v weighted by c_v, in float, then times c_u in double.
 *
 * <p>The within sums take row u's columns {@code (u, n)} in one call per relabelling ({@link RowDots#matched}: the
 * relabelling's labels of the columns compared with its label of u in SIMD, no per-label masks, no column tiles); a
 * task holds a block of relabellings whose labels stay in a core's L2 cache while the rows stream past. The order of
 * every sum depends only on the row and the columns whose label matches, never on the draws, their label values or
 * how many a call holds: relabellings with the same partition of the words give bit-identical sums, in the same call
 * or not.
 *
 * <p>Work is split over matrices × blocks of draws (or, for the Mantel sums, blocks of permutations of one permuted
 * matrix at a time, so that both cores read the same rows); every output value is summed by one thread in a fixed
 * order, so results do not depend on the thread count.
 */
final class ResamplingKernels {

    /** Bytes of labels per task (half of a Zen 3 core's L2), which sets how many relabellings a task holds. */
    private static final int LABEL_BYTES = 256 << 10;

    /** Resamples per task (their float weights, 32 × n × 4 bytes, stay in L2 at n = 2,000). */
    private static final int RESAMPLES = 32;

    /** Permutations per Mantel task. */
    private static final int PERMUTATIONS = 16;

    private static final int MASKED = 4;
    private static final int WEIGHTED = 8;

    private static final class Host {
        static final ResamplingKernels INSTANCE = new ResamplingKernels(RowDots.best());
    }

    private final RowDots dots;

    /** The shared host instance (fastest engine this JVM allows). */
    static ResamplingKernels host() {
        return Host.INSTANCE;
    }

    ResamplingKernels(RowDots dots) {
        this.dots = dots;
    }

    /** The engine in use, for run summaries. */
    String describe() {
        return dots.describe();
    }

    /** {@link KernelBackend#permutedWithinSums(float[], int, int, int[], int)}: the x, x² half of the fused sums. */
    double[] permutedWithinSums(float[] values, int m, int n, int[] labels, int p) {
        double[] four = permutedWithinSums(values, values, m, n, labels, p);
        double[] out = new double[m * p * 2];
        for (int i = 0; i < m * p; i++) {
            out[2 * i] = four[4 * i];
            out[2 * i + 1] = four[4 * i + 1];
        }
        return out;
    }

    /** {@link KernelBackend#permutedWithinSums(float[], float[], int, int, int[], int)}. */
    double[] permutedWithinSums(float[] xs, float[] zs, int m, int n, int[] labels, int p) {
        Checks.nonNegative("m", m, "n", n, "p", p);
        Checks.length("values", xs, (long) m * n * n, "[m][n][n]");
        Checks.length("z", zs, (long) m * n * n, "[m][n][n]");
        int[] index = labelIndex(labels, (long) p * n, "labels", "[p][n]");
        int[][] codes = new int[p][];
        for (int q = 0; q < p; q++) {
            codes[q] = Arrays.copyOfRange(index, q * n, (q + 1) * n);
        }
        int most = Math.max(1, LABEL_BYTES / (Math.max(1, n) * Integer.BYTES));
        int blocks = (p + most - 1) / most;
        int block = blocks == 0 ? 1 : (p + blocks - 1) / blocks;
        int sums = MASKED * RowDots.SLOTS;
        double[] out = new double[m * p * MASKED];
        IntStream.range(0, m * blocks).parallel().forEach(task -> {
            int b = task / blocks;
            int q0 = (task % blocks) * block;
            int q1 = Math.min(p, q0 + block);
            double[] acc = new double[(q1 - q0) * sums];
            float[] scratch = new float[RowDots.SCRATCH_FLOATS];
            for (int u = 0; u < n - 1; u++) {
                int row = (b * n + u) * n;
                for (int q = q0; q < q1; q++) {
                    dots.matched(codes[q], codes[q][u], xs, zs, row, u + 1, n, acc, (q - q0) * sums, scratch);
                }
            }
            totals(acc, q1 - q0, MASKED, out, (b * p + q0) * MASKED);
        });
        return out;
    }

    double[] permutedCrossSums(float[] cos, int m, int n, int[] first, int[] second, int[] perms, int p) {
        Checks.nonNegative("m", m, "n", n, "p", p);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.pairs(m, first, second);
        Checks.permutations(perms, p, n);
        double[] out = new double[first.length * p];
        int blocks = (p + PERMUTATIONS - 1) / PERMUTATIONS;
        // One permuted matrix at a time, its permutation blocks in parallel: the cores share B's rows in L3.
        for (int s : Arrays.stream(second).distinct().toArray()) {
            int[] mine = IntStream.range(0, first.length).filter(k -> second[k] == s).toArray();
            int sums = mine.length;
            IntStream.range(0, blocks).parallel().forEach(block -> {
                int q0 = block * PERMUTATIONS;
                int q1 = Math.min(p, q0 + PERMUTATIONS);
                double[] acc = new double[(q1 - q0) * sums * RowDots.SLOTS];
                float[] row = new float[n];
                for (int u = 0; u < n - 1; u++) {
                    for (int q = q0; q < q1; q++) {
                        // copied whole first (sequential reads, 1.7x faster than gathering from the matrix itself)
                        System.arraycopy(cos, (s * n + perms[q * n + u]) * n, row, 0, n);
                        for (int k = 0; k < sums; k += 2) {
                            boolean two = k + 1 < sums;
                            dots.gathered(row, 0, perms, q * n, cos, (first[mine[k]] * n + u) * n, two ? cos : null,
                                    two ? (first[mine[k + 1]] * n + u) * n : 0, u + 1, n, acc,
                                    ((q - q0) * sums + k) * RowDots.SLOTS);
                        }
                    }
                }
                for (int q = q0; q < q1; q++) {
                    for (int k = 0; k < sums; k++) {
                        out[mine[k] * p + q] = RowDots.total(acc, ((q - q0) * sums + k) * RowDots.SLOTS);
                    }
                }
            });
        }
        return out;
    }

    double[] bootstrapSums(float[] cos, float[] z, int m, int n, int[] category, double[] weights, int r) {
        Checks.nonNegative("m", m, "n", n, "r", r);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.length("z", z, (long) m * n * n, "[m][n][n]");
        int[] codes = labelIndex(category, n, "category", "[n]");
        float[] w = counts(weights, r, n);
        int c = Arrays.stream(codes).max().orElse(-1) + 1;
        int[] same = new int[c * n]; // -1 where word v is in category k
        for (int v = 0; v < n; v++) {
            same[codes[v] * n + v] = -1;
        }
        int blocks = (r + RESAMPLES - 1) / RESAMPLES;
        double[] out = new double[m * r * WEIGHTED];
        IntStream.range(0, m * blocks).parallel().forEach(task -> {
            int b = task / blocks;
            int q0 = (task % blocks) * RESAMPLES;
            int q1 = Math.min(r, q0 + RESAMPLES);
            double[] acc = new double[WEIGHTED * RowDots.SLOTS];
            for (int u = 0; u < n - 1; u++) {
                int row = (b * n + u) * n;
                for (int q = q0; q < q1; q++) {
                    float cu = w[q * n + u];
                    if (cu == 0) {
                        continue;
                    }
                    Arrays.fill(acc, 0);
                    dots.weighted(w, q * n, same, codes[u] * n, cos, row, z, row, u + 1, n, acc, 0);
                    int o = (b * r + q) * WEIGHTED;
                    for (int k = 0; k < WEIGHTED; k++) {
                        out[o + k] += cu * RowDots.total(acc, k * RowDots.SLOTS);
                    }
                }
            }
        });
        return out;
    }

    double[] bootstrapCrossSums(float[] cos, int m, int n, int[] first, int[] second, double[] weights, int r) {
        Checks.nonNegative("m", m, "n", n, "r", r);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.pairs(m, first, second);
        float[] w = counts(weights, r, n);
        double[] out = new double[first.length * r];
        IntStream.range(0, first.length).parallel().forEach(k -> {
            float[] prod = new float[n];
            double[] acc = new double[RowDots.SLOTS];
            for (int u = 0; u < n - 1; u++) {
                int ab = (first[k] * n + u) * n;
                int bb = (second[k] * n + u) * n;
                for (int v = u + 1; v < n; v++) {
                    prod[v] = cos[ab + v] * cos[bb + v];
                }
                for (int q = 0; q < r; q++) {
                    float cu = w[q * n + u];
                    if (cu != 0) {
                        Arrays.fill(acc, 0);
                        dots.dot(w, q * n, prod, 0, u + 1, n, acc, 0);
                        out[k * r + q] += cu * RowDots.total(acc, 0);
                    }
                }
            }
        });
        return out;
    }

    /** Each of {@code draws} outputs' {@code sums} sums from its scratch, into {@code out} from {@code o}. */
    private static void totals(double[] acc, int draws, int sums, double[] out, int o) {
        for (int i = 0; i < draws * sums; i++) {
            out[o + i] = RowDots.total(acc, i * RowDots.SLOTS);
        }
    }

    /** The resamples' word counts as floats (exact: counts are small integers), refusing anything else. */
    private static float[] counts(double[] weights, int r, int n) {
        Checks.weights(weights, r, n);
        float[] w = new float[weights.length];
        for (int i = 0; i < w.length; i++) {
            double c = weights[i];
            if (!(c >= 0 && c == Math.rint(c) && c <= 1 << 24)) {
                throw new IllegalArgumentException("weights[" + i + "] = " + c + " is not a word count; pass how often"
                        + " each word was drawn (a whole number from 0 to 2^24)");
            }
            w[i] = (float) c;
        }
        return w;
    }

    /** Label codes → 0..C−1 (C distinct codes, in increasing order of code). */
    private static int[] labelIndex(int[] labels, long expected, String name, String layout) {
        Checks.labels(labels, expected, name, layout);
        int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
        int[] index = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            index[i] = Arrays.binarySearch(distinct, labels[i]);
        }
        return index;
    }
}
