package laminar.kernels.tornado;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The permutation and bootstrap kernels on the device (the host reference is {@code laminar.kernels.ResamplingKernels}):
 * they re-index cosine matrices already computed. One work-item per output value — (matrix or pair, draw) — sums
 * over the strict upper triangle in row-major order, in double, so no reduction crosses work-items (no
 * {@code @Reduce}, no local memory) and every value is the same for the same input whatever the device's scheduling.
 * Only arithmetic lives here; graphs are in {@link ResamplingTaskGraphs}. Compiled with {@code -g} (see
 * {@link RsaKernels}).
 */
final class ResamplingDeviceKernels {

    /** Doubles per (matrix, resample) written by {@link #bootstrapSums}. */
    static final int BOOT_STATS = 8;

    private ResamplingDeviceKernels() {
    }

    /**
     * Within-category sums under relabellings: work-item (b, q) writes {@code Σ v_ij} and {@code Σ v_ij²} over
     * i &lt; j with {@code labels[q][i] == labels[q][j]} to {@code out[(b·p + q)·2]}.
     */
    static void permutedWithin(FloatArray values, IntArray labels, DoubleArray out, int m, int n, int p) {
        for (@Parallel int b = 0; b < m; b++) {
            for (@Parallel int q = 0; q < p; q++) {
                double s = 0.0;
                double s2 = 0.0;
                for (int u = 0; u < n - 1; u++) {
                    int lu = labels.get(q * n + u);
                    int row = (b * n + u) * n;
                    for (int v = u + 1; v < n; v++) {
                        if (labels.get(q * n + v) == lu) {
                            double x = values.get(row + v);
                            s += x;
                            s2 += x * x;
                        }
                    }
                }
                out.set((b * p + q) * 2, s);
                out.set((b * p + q) * 2 + 1, s2);
            }
        }
    }

    /**
     * Mantel cross sums: work-item (k, q) writes {@code Σ_{i<j} A_ij · B_{π(i)π(j)}} to {@code out[k·p + q]}, with
     * A, B the device slots {@code first[k]}, {@code second[k]} and π = {@code perms[q]}. Pairs with a negative
     * index are padding and write 0.
     */
    static void permutedCross(FloatArray cos, IntArray first, IntArray second, IntArray perms, DoubleArray out,
                              int pairs, int n, int p) {
        for (@Parallel int k = 0; k < pairs; k++) {
            for (@Parallel int q = 0; q < p; q++) {
                int fa = first.get(k);
                int fb = second.get(k);
                double s = 0.0;
                if (fa >= 0 && fb >= 0) {
                    for (int u = 0; u < n - 1; u++) {
                        int rowA = (fa * n + u) * n;
                        int rowB = (fb * n + perms.get(q * n + u)) * n;
                        for (int v = u + 1; v < n; v++) {
                            s += (double) cos.get(rowA + v) * cos.get(rowB + perms.get(q * n + v));
                        }
                    }
                }
                out.set(k * p + q, s);
            }
        }
    }

    /**
     * Bootstrap sums: work-item (b, q) writes, for word counts c = {@code weights[q]},
     * {@code Σ_{u<v} c_u c_v f(u, v)} for f = cos, cos², z, z² over same-category pairs, then over all pairs, to
     * {@code out[(b·r + q)·8]}. Each row's sums are weighted by c_u once, as the host does.
     */
    static void bootstrapSums(FloatArray cos, FloatArray z, IntArray category, DoubleArray weights, DoubleArray out,
                              int m, int n, int r) {
        for (@Parallel int b = 0; b < m; b++) {
            for (@Parallel int q = 0; q < r; q++) {
                double w0 = 0.0;
                double w1 = 0.0;
                double w2 = 0.0;
                double w3 = 0.0;
                double t0 = 0.0;
                double t1 = 0.0;
                double t2 = 0.0;
                double t3 = 0.0;
                for (int u = 0; u < n - 1; u++) {
                    double cu = weights.get(q * n + u);
                    if (cu != 0.0) {
                        int cat = category.get(u);
                        int row = (b * n + u) * n;
                        double a0 = 0.0;
                        double a1 = 0.0;
                        double a2 = 0.0;
                        double a3 = 0.0;
                        double e0 = 0.0;
                        double e1 = 0.0;
                        double e2 = 0.0;
                        double e3 = 0.0;
                        for (int v = u + 1; v < n; v++) {
                            double cv = weights.get(q * n + v);
                            double x = cos.get(row + v);
                            double y = z.get(row + v);
                            double wx = cv * x;
                            double wx2 = cv * (x * x);
                            double wy = cv * y;
                            double wy2 = cv * (y * y);
                            e0 += wx;
                            e1 += wx2;
                            e2 += wy;
                            e3 += wy2;
                            if (category.get(v) == cat) {
                                a0 += wx;
                                a1 += wx2;
                                a2 += wy;
                                a3 += wy2;
                            }
                        }
                        w0 += cu * a0;
                        w1 += cu * a1;
                        w2 += cu * a2;
                        w3 += cu * a3;
                        t0 += cu * e0;
                        t1 += cu * e1;
                        t2 += cu * e2;
                        t3 += cu * e3;
                    }
                }
                int o = (b * r + q) * BOOT_STATS;
                out.set(o, w0);
                out.set(o + 1, w1);
                out.set(o + 2, w2);
                out.set(o + 3, w3);
                out.set(o + 4, t0);
                out.set(o + 5, t1);
                out.set(o + 6, t2);
                out.set(o + 7, t3);
            }
        }
    }

    /**
     * Bootstrap cross products for the RSA: work-item (k, q) writes {@code Σ_{u<v} c_u c_v A_uv B_uv} to
     * {@code out[k·r + q]} (A, B the device slots of pair k). Pairs with a negative index are padding and write 0.
     */
    static void bootstrapCross(FloatArray cos, IntArray first, IntArray second, DoubleArray weights, DoubleArray out,
                               int pairs, int n, int r) {
        for (@Parallel int k = 0; k < pairs; k++) {
            for (@Parallel int q = 0; q < r; q++) {
                int fa = first.get(k);
                int fb = second.get(k);
                double s = 0.0;
                if (fa >= 0 && fb >= 0) {
                    for (int u = 0; u < n - 1; u++) {
                        double cu = weights.get(q * n + u);
                        if (cu != 0.0) {
                            int rowA = (fa * n + u) * n;
                            int rowB = (fb * n + u) * n;
                            double t = 0.0;
                            for (int v = u + 1; v < n; v++) {
                                t += weights.get(q * n + v) * ((double) cos.get(rowA + v) * cos.get(rowB + v));
                            }
                            s += cu * t;
                        }
                    }
                }
                out.set(k * r + q, s);
            }
        }
    }
}
