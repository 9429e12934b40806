package laminar.kernels;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The permutation and bootstrap kernels on the host (see {@link KernelBackend#permutedWithinSums} and the methods
 * after it): they re-index cosine matrices that are already computed and never copy a whole matrix.
 *
 * <p>All sums are over word pairs i &lt; j of the strict upper triangle and accumulated in double. A relabelling's
 * within-category sums are dot products of each row with a 0/1 mask of the words that carry the row's label
 * (contiguous, SIMD-friendly, no gathers); a bootstrap resample is a vector of word counts c, and a pair of distinct
 * words (u, v) counts c_u·c_v times (a pair of a word with its own copy is excluded, as the resample's pairs of
 * equal words are). Work is split over matrices (or permuted matrices × blocks of permutations); every output value
 * is summed by one thread in a fixed order, so results do not depend on the thread count.
 */
final class ResamplingKernels {

    /** Relabellings or resamples whose masks are built together (their rows stay in a core's L2 cache). */
    private static final int BLOCK = 16;

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
        return dots instanceof ScalarRowDots ? "scalar" : "JDK Vector API";
    }

    double[] permutedWithinSums(float[] values, int m, int n, int[] labels, int p) {
        Checks.nonNegative("m", m, "n", n, "p", p);
        Checks.length("values", values, (long) m * n * n, "[m][n][n]");
        int[] codes = labelIndex(labels, (long) p * n, "labels", "[p][n]");
        int c = Arrays.stream(codes).max().orElse(-1) + 1;
        double[] out = new double[m * p * 2];
        for (int q0 = 0; q0 < p; q0 += BLOCK) {
            int qs = Math.min(BLOCK, p - q0);
            double[] masks = new double[qs * c * n];
            for (int q = 0; q < qs; q++) {
                for (int v = 0; v < n; v++) {
                    masks[(q * c + codes[(q0 + q) * n + v]) * n + v] = 1;
                }
            }
            int first = q0;
            IntStream.range(0, m).parallel().forEach(b -> {
                double[] x = new double[n];
                double[] x2 = new double[n];
                for (int u = 0; u < n - 1; u++) {
                    row(values, b, n, u, x, x2);
                    for (int q = 0; q < qs; q++) {
                        int k = codes[(first + q) * n + u];
                        dots.dot2(masks, (q * c + k) * n, x, x2, u + 1, n, out, (b * p + first + q) * 2);
                    }
                }
            });
        }
        return out;
    }

    double[] permutedCrossSums(float[] cos, int m, int n, int[] first, int[] second, int[] perms, int p) {
        Checks.nonNegative("m", m, "n", n, "p", p);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.pairs(m, first, second);
        Checks.permutations(perms, p, n);
        int pairs = first.length;
        double[] out = new double[pairs * p];
        int[] seconds = Arrays.stream(second).distinct().toArray();
        int blocks = (p + BLOCK - 1) / BLOCK;
        // One task per (permuted matrix, block of permutations); each output value belongs to one task.
        IntStream.range(0, seconds.length * blocks).parallel().forEach(task -> {
            int s = seconds[task / blocks];
            int q0 = (task % blocks) * BLOCK;
            int q1 = Math.min(p, q0 + BLOCK);
            int[] mine = IntStream.range(0, pairs).filter(k -> second[k] == s).toArray();
            double[][] a = new double[mine.length][n];
            double[] pair = new double[2];
            float[] row = new float[n];
            int bb = s * n * n;
            for (int u = 0; u < n - 1; u++) {
                for (int k = 0; k < mine.length; k++) {
                    int ab = first[mine[k]] * n * n + u * n;
                    for (int v = u + 1; v < n; v++) {
                        a[k][v] = cos[ab + v];
                    }
                }
                for (int q = q0; q < q1; q++) {
                    int po = q * n;
                    // the permuted row, first copied whole (sequential, from wherever it is cached) so that the
                    // gathers read from L1; two pairs share each gather
                    System.arraycopy(cos, bb + perms[po + u] * n, row, 0, n);
                    for (int k = 0; k < mine.length; k += 2) {
                        boolean two = k + 1 < mine.length;
                        dots.gatherDot2(row, perms, po, a[k], two ? a[k + 1] : null, u + 1, n, pair, 0);
                        out[mine[k] * p + q] += pair[0];
                        if (two) {
                            out[mine[k + 1] * p + q] += pair[1];
                        }
                        pair[0] = 0;
                        pair[1] = 0;
                    }
                }
            }
        });
        return out;
    }

    double[] bootstrapSums(float[] cos, float[] z, int m, int n, int[] category, double[] weights, int r) {
        Checks.nonNegative("m", m, "n", n, "r", r);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.length("z", z, (long) m * n * n, "[m][n][n]");
        int[] codes = labelIndex(category, n, "category", "[n]");
        Checks.weights(weights, r, n);
        int c = Arrays.stream(codes).max().orElse(-1) + 1;
        int planes = c + 1; // one masked weight vector per category, then the unmasked one
        double[] out = new double[m * r * 8];
        for (int q0 = 0; q0 < r; q0 += BLOCK) {
            int qs = Math.min(BLOCK, r - q0);
            double[] w = new double[qs * planes * n];
            for (int q = 0; q < qs; q++) {
                for (int v = 0; v < n; v++) {
                    double cv = weights[(q0 + q) * n + v];
                    w[(q * planes + codes[v]) * n + v] = cv;
                    w[(q * planes + c) * n + v] = cv;
                }
            }
            int firstQ = q0;
            IntStream.range(0, m).parallel().forEach(b -> {
                double[] x = new double[n];
                double[] x2 = new double[n];
                double[] y = new double[n];
                double[] y2 = new double[n];
                double[] t = new double[8];
                for (int u = 0; u < n - 1; u++) {
                    row(cos, b, n, u, x, x2);
                    row(z, b, n, u, y, y2);
                    for (int q = 0; q < qs; q++) {
                        double cu = weights[(firstQ + q) * n + u];
                        if (cu == 0) {
                            continue;
                        }
                        Arrays.fill(t, 0);
                        int within = (q * planes + codes[u]) * n;
                        int all = (q * planes + c) * n;
                        dots.dot4(w, within, x, x2, y, y2, u + 1, n, t, 0);
                        dots.dot4(w, all, x, x2, y, y2, u + 1, n, t, 4);
                        int o = (b * r + firstQ + q) * 8;
                        for (int k = 0; k < 8; k++) {
                            out[o + k] += cu * t[k];
                        }
                    }
                }
            });
        }
        return out;
    }

    double[] bootstrapCrossSums(float[] cos, int m, int n, int[] first, int[] second, double[] weights, int r) {
        Checks.nonNegative("m", m, "n", n, "r", r);
        Checks.length("cos", cos, (long) m * n * n, "[m][n][n]");
        Checks.pairs(m, first, second);
        Checks.weights(weights, r, n);
        double[] out = new double[first.length * r];
        IntStream.range(0, first.length).parallel().forEach(k -> {
            double[] prod = new double[n];
            int ab = first[k] * n * n;
            int bb = second[k] * n * n;
            for (int u = 0; u < n - 1; u++) {
                for (int v = u + 1; v < n; v++) {
                    prod[v] = (double) cos[ab + u * n + v] * cos[bb + u * n + v];
                }
                for (int q = 0; q < r; q++) {
                    double cu = weights[q * n + u];
                    if (cu != 0) {
                        out[k * r + q] += cu * dots.dot(weights, q * n, prod, u + 1, n);
                    }
                }
            }
        });
        return out;
    }

    /** Row u of matrix b from column u+1 on, widened to double, and its squares. */
    private static void row(float[] values, int b, int n, int u, double[] x, double[] x2) {
        int base = b * n * n + u * n;
        for (int v = u + 1; v < n; v++) {
            double e = values[base + v];
            x[v] = e;
            x2[v] = e * e;
        }
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
