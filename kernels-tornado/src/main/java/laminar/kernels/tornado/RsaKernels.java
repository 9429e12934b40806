package laminar.kernels.tornado;

import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The device kernels: static methods whose {@code @Parallel} loops TornadoVM turns into OpenCL/PTX/SPIR-V
 * work-items. Only arithmetic lives here; graphs ({@link RsaTaskGraphs}) and plans ({@link PlanCache}) are kept apart.
 *
 * <p>Rules every kernel follows, because of TornadoVM and PoCL:
 * <ul>
 *   <li>Sums are accumulated in double (the device must support fp64, see {@link TornadoProbe}).</li>
 *   <li>No {@code @Reduce} (wrong results on PoCL) and no local memory: each work-item writes the moments of its own
 *       slice (one row of a triangle, one chunk of a vector), and the host merges them
 *       ({@link Moments}) in a fixed order.</li>
 *   <li>No {@code break}/{@code continue} and no library calls beyond {@link TornadoMath}.</li>
 * </ul>
 * The class must be compiled with debug information ({@code -g}), or TornadoVM cannot see {@code @Parallel}.
 */
final class RsaKernels {

    /** Doubles written per (pair, row) by {@link #rsaRowMoments} and per (item, chunk) by {@link #pearsonChunkMoments}. */
    static final int PAIR_STATS = 5;

    /** Doubles written per (matrix, row) by {@link #groupRowMoments}. */
    static final int GROUP_STATS = 6;

    /** Interleaved partial sums of {@link #dot}; rows are zero-padded to a multiple of it. */
    static final int LANES = 8;

    /** {@code FisherZ.MAX_ABS_R}, repeated here as a literal so it is a constant inside the kernel. */
    static final double MAX_ABS_R = 1.0 - 1e-7;

    private RsaKernels() {
    }

    /**
     * Euclidean norm of every row, in double: {@code norms[r] = sqrt(<x_r, x_r>)} for {@code r < rowCount}, the dot
     * product as in {@link #dot}. Rows are {@code dp} floats apart, the padding zero.
     */
    static void rowNorms(FloatArray rows, DoubleArray norms, int rowCount, int dp) {
        for (@Parallel int r = 0; r < rowCount; r++) {
            norms.set(r, sqrt(dot(rows, r * dp, r * dp, dp)));
        }
    }

    /**
     * Cosine matrices of {@code m} matrices of {@code n} rows: work-item (b·n + i, j) with j ≥ i computes one dot
     * product and writes it to both triangles, so the result is symmetric by construction.
     *
     * @param rowCount {@code m * n}
     * @param dp row stride: d rounded up to a multiple of 8, zero-padded
     */
    static void cosine(FloatArray rows, DoubleArray norms, FloatArray cos, int rowCount, int n, int dp) {
        for (@Parallel int bi = 0; bi < rowCount; bi++) {
            for (@Parallel int j = 0; j < n; j++) {
                int b = bi / n;
                int i = bi - b * n;
                if (j >= i) {
                    int bj = b * n + j;
                    double s = dot(rows, bi * dp, bj * dp, dp);
                    float c = (float) (s / (norms.get(bi) * norms.get(bj)));
                    cos.set(bi * n + j, c);
                    cos.set(bj * n + i, c);
                }
            }
        }
    }

    /**
     * {@code <x, y>} of two zero-padded float rows of length {@code dp} (a multiple of 8) starting at {@code xi} and
     * {@code yi}, in double and in laminar's canonical order (that of the Java backend's {@code DotTiles}): eight
     * interleaved partial sums, partial l taking the k ≡ l (mod 8) in increasing k, combined as
     * ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)). Products of widened floats are exact in double, so the device's fused
     * multiply-adds round as the Java loops do: the same bits. The independent partial sums also let the OpenCL
     * compiler vectorise the loop without reassociating.
     */
    static double dot(FloatArray x, int xi, int yi, int dp) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        for (int k = 0; k < dp; k += LANES) {
            s0 += (double) x.get(xi + k) * x.get(yi + k);
            s1 += (double) x.get(xi + k + 1) * x.get(yi + k + 1);
            s2 += (double) x.get(xi + k + 2) * x.get(yi + k + 2);
            s3 += (double) x.get(xi + k + 3) * x.get(yi + k + 3);
            s4 += (double) x.get(xi + k + 4) * x.get(yi + k + 4);
            s5 += (double) x.get(xi + k + 5) * x.get(yi + k + 5);
            s6 += (double) x.get(xi + k + 6) * x.get(yi + k + 6);
            s7 += (double) x.get(xi + k + 7) * x.get(yi + k + 7);
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * Moments of one chunk of one vector pair: work-item (p, c) covers {@code a[p][c·chunk .. min(len, (c+1)·chunk))}
     * against the same range of {@code b} and writes {@link #pairMoments} to {@code out[(p·chunks + c)·5]}.
     */
    static void pearsonChunkMoments(FloatArray a, FloatArray b, DoubleArray out, int items, int len, int chunks,
                                    int chunk) {
        for (@Parallel int p = 0; p < items; p++) {
            for (@Parallel int c = 0; c < chunks; c++) {
                int start = c * chunk;
                int end = start + chunk;
                if (end > len) {
                    end = len;
                }
                int base = p * len + start;
                pairMoments(a, base, b, base, end - start, out, (p * chunks + c) * PAIR_STATS);
            }
        }
    }

    /**
     * Moments of one row of the strict upper triangles of a matrix pair: work-item (p, i) covers
     * {@code cos[first[p]][i][i+1..n)} against {@code cos[second[p]][i][i+1..n)} and writes {@link #pairMoments} to
     * {@code out[(p·(n−1) + i)·5]}. Pairs with a negative index are padding and write nothing.
     */
    static void rsaRowMoments(FloatArray cos, IntArray first, IntArray second, DoubleArray out, int pairs, int n) {
        for (@Parallel int p = 0; p < pairs; p++) {
            for (@Parallel int i = 0; i < n - 1; i++) {
                int fa = first.get(p);
                int fb = second.get(p);
                if (fa >= 0 && fb >= 0) {
                    pairMoments(cos, (fa * n + i) * n + i + 1, cos, (fb * n + i) * n + i + 1, n - 1 - i, out,
                            (p * (n - 1) + i) * PAIR_STATS);
                }
            }
        }
    }

    /**
     * Two-pass moments of {@code count} values {@code x[xo..)} paired with {@code y[yo..)}: writes
     * {mean x, mean y, Σ(x−x̄)², Σ(y−ȳ)², Σ(x−x̄)(y−ȳ)} to {@code out[o..o+5)} (means 0 for no values).
     */
    static void pairMoments(FloatArray x, int xo, FloatArray y, int yo, int count, DoubleArray out, int o) {
        double sx = 0.0;
        double sy = 0.0;
        for (int k = 0; k < count; k++) {
            sx += x.get(xo + k);
            sy += y.get(yo + k);
        }
        double mx = 0.0;
        double my = 0.0;
        if (count > 0) {
            mx = sx / count;
            my = sy / count;
        }
        double sxx = 0.0;
        double syy = 0.0;
        double sxy = 0.0;
        for (int k = 0; k < count; k++) {
            double dx = x.get(xo + k) - mx;
            double dy = y.get(yo + k) - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        out.set(o, mx);
        out.set(o + 1, my);
        out.set(o + 2, sxx);
        out.set(o + 3, syy);
        out.set(o + 4, sxy);
    }

    /**
     * Within/across-category moments of one row of the strict upper triangle: work-item (b, i) covers
     * {@code cos[b][i][i+1..n)}, splits the values by {@code category[i] == category[j]} and writes, two-pass,
     * {within count, within mean, within Σ(v−v̄)², across count, across mean, across Σ(v−v̄)²} to
     * {@code out[(b·(n−1) + i)·6]}. With {@code fisherZ != 0} each value is first replaced by its float32 arctanh.
     */
    static void groupRowMoments(FloatArray cos, IntArray category, DoubleArray out, int m, int n, int fisherZ) {
        for (@Parallel int b = 0; b < m; b++) {
            for (@Parallel int i = 0; i < n - 1; i++) {
                int row = (b * n + i) * n;
                int ci = category.get(i);
                double cw = 0.0;
                double ca = 0.0;
                double sw = 0.0;
                double sa = 0.0;
                for (int j = i + 1; j < n; j++) {
                    double v = value(cos.get(row + j), fisherZ);
                    if (category.get(j) == ci) {
                        cw += 1.0;
                        sw += v;
                    } else {
                        ca += 1.0;
                        sa += v;
                    }
                }
                double mw = 0.0;
                double ma = 0.0;
                if (cw > 0) {
                    mw = sw / cw;
                }
                if (ca > 0) {
                    ma = sa / ca;
                }
                double m2w = 0.0;
                double m2a = 0.0;
                for (int j = i + 1; j < n; j++) {
                    double v = value(cos.get(row + j), fisherZ);
                    if (category.get(j) == ci) {
                        m2w += (v - mw) * (v - mw);
                    } else {
                        m2a += (v - ma) * (v - ma);
                    }
                }
                int o = (b * (n - 1) + i) * GROUP_STATS;
                out.set(o, cw);
                out.set(o + 1, mw);
                out.set(o + 2, m2w);
                out.set(o + 3, ca);
                out.set(o + 4, ma);
                out.set(o + 5, m2a);
            }
        }
    }

    /**
     * Square root in double precision on any device. TornadoVM's OpenCL backend emits {@code native_sqrt} for
     * {@code Math.sqrt}/{@code TornadoMath.sqrt}, which OpenCL defines for float only: on PoCL a double argument comes
     * back with float precision (measured: relative error 7e-8). So the float root is only the seed, and three Newton
     * steps in double make it exact to rounding (even from a seed with a 1e-3 error). The argument is scaled into
     * float range first; 0 gives 0 and NaN stays NaN.
     */
    static double sqrt(double s) {
        double t = s;
        double scale = 1.0;
        if (t > 1e30) {
            t = t * 1e-60;
            scale = 1e30;
        }
        if (t > 0 && t < 1e-30) {
            t = t * 1e60;
            scale = 1e-30;
        }
        double y = TornadoMath.sqrt((float) t);
        if (y > 0) {
            y = 0.5 * (y + t / y);
            y = 0.5 * (y + t / y);
            y = 0.5 * (y + t / y);
        }
        return y * scale;
    }

    /** Fisher-z of every value (|r| clipped to {@link #MAX_ABS_R}, NaN stays NaN), rounded to float32. */
    static void fisherZ(FloatArray values, FloatArray out, int len) {
        for (@Parallel int k = 0; k < len; k++) {
            out.set(k, (float) arctanh(values.get(k)));
        }
    }

    /** The value a selectivity statistic sees: the float32 similarity, or the float32 arctanh of it. */
    private static double value(float c, int fisherZ) {
        double v = c;
        if (fisherZ != 0) {
            v = (float) arctanh(c);
        }
        return v;
    }

    /**
     * arctanh with |r| clipped. Comparisons (not min/max) so that NaN passes through: OpenCL's fmin/fmax would
     * return the non-NaN operand. {@code log((1+c)/(1-c))} in double is within a few ulp of the host's log1p form.
     */
    private static double arctanh(float r) {
        double c = r;
        if (c > MAX_ABS_R) {
            c = MAX_ABS_R;
        }
        if (c < -MAX_ABS_R) {
            c = -MAX_ABS_R;
        }
        return 0.5 * TornadoMath.log((1.0 + c) / (1.0 - c));
    }
}
