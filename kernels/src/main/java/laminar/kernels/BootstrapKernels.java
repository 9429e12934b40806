package laminar.kernels;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The bootstrap kernels on the host ({@link KernelBackend#bootstrapSums}, {@link KernelBackend#bootstrapCrossSums};
 * {@link ResamplingKernels} checks the arguments and calls these). A resample is a vector of word counts c; a pair of
 * distinct words (u, v), u &lt; v, counts c_u·c_v times: row u's sums over v weighted by c_v, in float
 * ({@link RowDots}), then times c_u in double, added to the output in increasing u.
 *
 * <p><b>No masks.</b> A resample keeps every word's category, so row u's within-category columns are fixed: in the
 * words' {@link CategoryBlocks block order} they are one range of positions (u's block after u) and the
 * across-category columns at most C − 1 more. Each range's four weighted moments (w·x, (w·x)·x, w·z, (w·z)·z) are
 * summed by {@link RowDots#moments} with no mask at all; the within sums are the within range's, the totals are
 * within + across (in double). When the categories are contiguous (the notebook's word lists, most lists) the block
 * order is the words' order and the rows are read in place; otherwise each row's columns after u are copied into
 * block order once per task (the resamples' counts are reordered once per call). The order of every sum depends only
 * on the row and the category layout.
 *
 * <p><b>Two resamples per pass.</b> {@code moments} takes two resamples' counts in one pass over the row (x and z
 * loaded once); resamples whose c_u is 0 are skipped. The cross sums take eight resamples per pass over the product
 * row ({@link RowDots#dots8}); the last pass of a row repeats a resample to fill its eight and drops the copies.
 * Neither changes any sum's bits (each resample has its own partials), so the results do not depend on which
 * resamples share a pass, on the block size or on the thread count (each output is summed by one task).
 *
 * <p><b>Accuracy.</b> A term reaches the double sums as in {@link RowDots}: w·x (or the product row's A·B) has one
 * float rounding of its own, (w·x)·x and w·(A·B) are exact inside a fused multiply-add, and a float partial takes at
 * most 16 terms: γ_17. After that a term passes through at most 2n + 8 double operations: its lane sum's additions in
 * its row (one per panel of the row's ranges, at most n/8) or the tail sum's (at most n − 1 columns, however short
 * the category ranges are), the four of {@link RowDots#total}, the within + across addition, the product with c_u and
 * the output's additions over the rows (at most n). For n ≤ 46,340 that adds less than (2n + 8)·2^-53 &lt; 2^-36 of
 * Σ|terms| (the error of a sum is at most Σ|t|·((1 + u)^depth(t) − 1)), so every output stays within
 * {@link RowDots#BOUND} of the exact sum.
 */
final class BootstrapKernels {

    /**
     * Resamples per task of the sums: one pass over each matrix per call of 64 draws (InferencePass's block). Their
     * counts (64 × n × 4 bytes, 512 KB at n = 2,000) come from L3, which cost less than reading every matrix twice
     * from memory with 32 per task (measured: 1.4-1.5 vs 2.3-2.5 ms CPU per layer and draw at n = 2,000).
     */
    private static final int RESAMPLES = 64;

    /** Outputs per matrix and resample: within x, x², z, z², then the totals. */
    private static final int WEIGHTED = 8;

    /** Doubles of scratch per resample and range kind: four sums. */
    private static final int FOUR = 4 * RowDots.SLOTS;

    private BootstrapKernels() {
    }

    /** {@link KernelBackend#bootstrapSums} with category codes 0..C−1 and counts as floats (checked). */
    static double[] sums(RowDots dots, float[] cos, float[] z, int m, int n, int[] codes, float[] counts, int r) {
        CategoryBlocks blocks = CategoryBlocks.of(codes);
        float[] ws = blocks.inBlockOrder(counts, r);
        int tasks = (r + RESAMPLES - 1) / RESAMPLES;
        double[] out = new double[m * r * WEIGHTED];
        IntStream.range(0, m * tasks).parallel().forEach(task -> {
            int b = task / tasks;
            int q0 = (task % tasks) * RESAMPLES;
            new SumsTask(dots, blocks, cos, z, n, counts, ws, r).run(b, q0, Math.min(r, q0 + RESAMPLES), out);
        });
        return out;
    }

    /** One matrix and block of resamples of {@link #sums}: its scratch and the row loop. */
    private static final class SumsTask {
        private final RowDots dots;
        private final CategoryBlocks blocks;
        private final float[] cos;
        private final float[] z;
        private final int n;
        private final float[] counts;
        private final float[] ws;
        private final int r;
        private final double[] within = new double[(RESAMPLES + 1) * FOUR];
        private final double[] across = new double[(RESAMPLES + 1) * FOUR];
        private final int[] live = new int[RESAMPLES];

        SumsTask(RowDots dots, CategoryBlocks blocks, float[] cos, float[] z, int n, float[] counts, float[] ws, int r) {
            this.dots = dots;
            this.blocks = blocks;
            this.cos = cos;
            this.z = z;
            this.n = n;
            this.counts = counts;
            this.ws = ws;
            this.r = r;
        }

        void run(int b, int q0, int q1, double[] out) {
            int[] first = blocks.start().clone();
            int[] ranges = new int[2 * blocks.blocks()];
            float[] xr = blocks.contiguous() ? cos : new float[n];
            float[] zr = blocks.contiguous() ? z : new float[n];
            for (int u = 0; u < n - 1; u++) {
                int count = live(counts, n, u, q0, q1, live);
                blocks.after(u, first);
                if (count == 0) {
                    continue;
                }
                int own = blocks.block()[u];
                int from = first[own];
                int to = blocks.end()[own];
                int spans = blocks.acrossRanges(u, first, ranges);
                int row = (b * n + u) * n;
                int xo = row;
                if (!blocks.contiguous()) {
                    gather(row, from, to, xr, zr);
                    for (int i = 0; i < spans; i++) {
                        gather(row, ranges[2 * i], ranges[2 * i + 1], xr, zr);
                    }
                    xo = 0;
                }
                for (int i = 0; i < count; i += 2) {
                    int q = live[i];
                    int w1 = i + 1 < count ? live[i + 1] * n : -1;
                    Arrays.fill(within, i * FOUR, (i + 2) * FOUR, 0);
                    Arrays.fill(across, i * FOUR, (i + 2) * FOUR, 0);
                    dots.moments(ws, q * n, w1, xr, xo, zr, xo, from, to, within, i * FOUR, (i + 1) * FOUR);
                    for (int s = 0; s < spans; s++) {
                        dots.moments(ws, q * n, w1, xr, xo, zr, xo, ranges[2 * s], ranges[2 * s + 1], across,
                                i * FOUR, (i + 1) * FOUR);
                    }
                }
                for (int i = 0; i < count; i++) {
                    int q = live[i];
                    double cu = counts[q * n + u];
                    int o = (b * r + q) * WEIGHTED;
                    for (int k = 0; k < 4; k++) {
                        int at = i * FOUR + k * RowDots.SLOTS;
                        double w = RowDots.total(within, at);
                        out[o + k] += cu * w;
                        out[o + 4 + k] += cu * (w + RowDots.total(across, at));
                    }
                }
            }
        }

        /** Row u's values at positions [from, to) in block order (all of them words after u: the upper triangle). */
        private void gather(int row, int from, int to, float[] xr, float[] zr) {
            int[] order = blocks.order();
            for (int p = from; p < to; p++) {
                xr[p] = cos[row + order[p]];
                zr[p] = z[row + order[p]];
            }
        }
    }

    /** {@link KernelBackend#bootstrapCrossSums} with counts as floats (checked). */
    static double[] crossSums(RowDots dots, float[] cos, int n, int[] first, int[] second, float[] counts, int r) {
        double[] out = new double[first.length * r];
        IntStream.range(0, first.length).parallel().forEach(k -> {
            float[] prod = new float[n];
            double[] acc = new double[RowDots.DOTS * RowDots.SLOTS];
            int[] live = new int[r];
            int[] wo = new int[RowDots.DOTS];
            for (int u = 0; u < n - 1; u++) {
                int count = live(counts, n, u, 0, r, live);
                if (count == 0) {
                    continue;
                }
                int ab = (first[k] * n + u) * n;
                int bb = (second[k] * n + u) * n;
                dots.products(cos, ab, cos, bb, prod, u + 1, n);
                for (int i = 0; i < count; i += RowDots.DOTS) {
                    int used = Math.min(RowDots.DOTS, count - i);
                    for (int j = 0; j < RowDots.DOTS; j++) {
                        wo[j] = live[i + Math.min(j, used - 1)] * n;
                    }
                    Arrays.fill(acc, 0);
                    dots.dots8(counts, wo, prod, 0, u + 1, n, acc, 0);
                    for (int j = 0; j < used; j++) {
                        int q = live[i + j];
                        out[k * r + q] += counts[q * n + u] * RowDots.total(acc, j * RowDots.SLOTS);
                    }
                }
            }
        });
        return out;
    }

    /** The resamples in [q0, q1) that draw word u (count ≠ 0), into {@code live}; returns how many. */
    private static int live(float[] counts, int n, int u, int q0, int q1, int[] live) {
        int count = 0;
        for (int q = q0; q < q1; q++) {
            if (counts[q * n + u] != 0) {
                live[count++] = q;
            }
        }
        return count;
    }
}
