package laminar.kernels;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The permutation and bootstrap kernels on the host (see {@link KernelBackend#permutedWithinSums} and the methods
 * after it): they re-index cosine matrices that are already computed and never copy a whole matrix.
 *
 * <p>All sums are over word pairs u &lt; v of the strict upper triangle, in float32 panels of at most 16 terms per
 * lane that are added in double ({@link RowDots}: the canonical order, and the proof that every sum is within
 * {@link RowDots#BOUND} ≈ 1.02e-6 of the exact sum, relative to the sum of the terms' absolute values). A
 * relabelling's within-category sums take the words of each row that carry the row's label (one pass over the
 * row for the cosines and their Fisher-z values together); the Mantel cross sums ({@link MantelCrossSums}) gather
 * row r of B, in row order, against row π⁻¹(r) of A; a bootstrap resample is a vector of word
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
 * <p>Work is split over matrices × blocks of draws (or, for the Mantel sums, groups of linked matrices × blocks of
 * permutations); every output value is summed by one thread in a fixed order, so results do not depend on the
 * thread count. Below {@link #SCALAR_BELOW} words every kernel runs on the plain-Java engine (the
 * same bits).
 */
final class ResamplingKernels {

    /** Bytes of labels per task (half of a Zen 3 core's L2), which sets how many relabellings a task holds. */
    private static final int LABEL_BYTES = 256 << 10;

    private static final int MASKED = 4;

    private static final class Host {
        static final ResamplingKernels INSTANCE = new ResamplingKernels(RowDots.best());
    }

    /**
     * Below this many words the plain-Java engine runs every kernel (the same bits, {@link RowDots}): rows shorter
     * than two panels gain little from SIMD, and a whole run's sums at such n cost less than warming up the Vector
     * API's code, which runs interpreted and then compiled for the first thousands of calls (measured at 34 words,
     * 12 layers, 1,000 permutations in a fresh JVM: the Mantel sums 0.3-0.6 s of CPU with the plain engine, about 3 s
     * with the Vector API).
     */
    static final int SCALAR_BELOW = 256;

    private static final RowDots SCALAR = new ScalarRowDots();

    private final RowDots dots;
    private final int scalarBelow;

    /** The shared host instance (fastest engine this JVM allows). */
    static ResamplingKernels host() {
        return Host.INSTANCE;
    }

    ResamplingKernels(RowDots dots) {
        this(dots, SCALAR_BELOW);
    }

    /** With the plain-Java engine below {@code scalarBelow} words (tests: 0, the given engine at every n). */
    ResamplingKernels(RowDots dots, int scalarBelow) {
        this.dots = dots;
        this.scalarBelow = scalarBelow;
    }

    /** The engine for matrices of n words: the plain-Java one below {@code scalarBelow} ({@link #SCALAR_BELOW}). */
    private RowDots engine(int n) {
        return n < scalarBelow ? SCALAR : dots;
    }

    /** Whether the engine is the Vector API's (what {@link LaneTriples} needs too). */
    boolean simd() {
        return !(dots instanceof ScalarRowDots);
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
        RowDots engine = engine(n);
        IntStream.range(0, m * blocks).parallel().forEach(task -> {
            int b = task / blocks;
            int q0 = (task % blocks) * block;
            int q1 = Math.min(p, q0 + block);
            double[] acc = new double[(q1 - q0) * sums];
            float[] scratch = new float[RowDots.SCRATCH_FLOATS];
            for (int u = 0; u < n - 1; u++) {
                int row = (b * n + u) * n;
                for (int q = q0; q < q1; q++) {
                    engine.matched(codes[q], codes[q][u], xs, zs, row, u + 1, n, acc, (q - q0) * sums, scratch);
                }
            }
            totals(acc, q1 - q0, MASKED, out, (b * p + q0) * MASKED);
        });
        return out;
    }

    /** {@link KernelBackend#permutedCrossSums}: see {@link MantelCrossSums} for the order and the work split. */
    double[] permutedCrossSums(float[] cos, int m, int n, int[] first, int[] second, int[] perms, int p) {
        Checks.nonNegative("m", m, "n", n, "p", p);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.pairs(m, first, second);
        Checks.permutations(perms, p, n);
        return MantelCrossSums.sums(engine(n), cos, m, n, first, second, perms, p);
    }

    double[] bootstrapSums(float[] cos, float[] z, int m, int n, int[] category, double[] weights, int r) {
        Checks.nonNegative("m", m, "n", n, "r", r);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.length("z", z, (long) m * n * n, "[m][n][n]");
        int[] codes = labelIndex(category, n, "category", "[n]");
        return BootstrapKernels.sums(engine(n), cos, z, m, n, codes, counts(weights, r, n), r);
    }

    double[] bootstrapCrossSums(float[] cos, int m, int n, int[] first, int[] second, double[] weights, int r) {
        Checks.nonNegative("m", m, "n", n, "r", r);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.pairs(m, first, second);
        return BootstrapKernels.crossSums(engine(n), cos, n, first, second, counts(weights, r, n), r);
    }

    /** Each of {@code draws} outputs' {@code sums} sums from its scratch, into {@code out} from {@code o}. */
    private static void totals(double[] acc, int draws, int sums, double[] out, int o) {
        for (int i = 0; i < draws * sums; i++) {
            out[o + i] = RowDots.total(acc, i * RowDots.SLOTS);
        }
    }

    /** The resamples' word counts as floats (exact: counts are small integers), refusing anything else. */
    static float[] counts(double[] weights, int r, int n) {
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
    static int[] labelIndex(int[] labels, long expected, String name, String layout) {
        Checks.labels(labels, expected, name, layout);
        int[] distinct = Arrays.stream(labels).distinct().sorted().toArray();
        int[] index = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            index[i] = Arrays.binarySearch(distinct, labels[i]);
        }
        return index;
    }
}
