package laminar.kernels;

/**
 * {@link RowDots} in plain Java: the canonical order written out lane by lane (the same bits as the SIMD engine,
 * only slower). Each method keeps its float partial sums in a small array, {@code f[s * LANES + l]} for sum s, lane l.
 */
final class ScalarRowDots implements RowDots {

    private static final int L = LANES;

    @Override
    public String describe() {
        return "scalar";
    }

    @Override
    public void masked(int[] mask, int mo, float[] xs, int xo, float[] zs, int zo, int from, int to, double[] acc,
                       int o) {
        float[] f = new float[MASKED_SETS * 4 * L];
        int v = from;
        int full = from + (to - from) / L * L;
        while (v < full) {
            int end = Math.min(full, v + MASKED_SETS * STEPS * L);
            java.util.Arrays.fill(f, 0f);
            for (int j = 0; v < end; v += L, j++) {
                int set = (j % MASKED_SETS) * 4 * L;
                for (int l = 0; l < L; l++) {
                    boolean in = mask[mo + v + l] != 0;
                    float x = xs[xo + v + l];
                    float z = zs[zo + v + l];
                    float mx = in ? x : 0f;
                    float mz = in ? z : 0f;
                    f[set + l] += mx;
                    f[set + L + l] = Math.fma(mx, x, f[set + L + l]);
                    f[set + 2 * L + l] += mz;
                    f[set + 3 * L + l] = Math.fma(mz, z, f[set + 3 * L + l]);
                }
            }
            widen(f, 4, MASKED_SETS, acc, o);
        }
        maskedTail(mask, mo, xs, xo, zs, zo, v, to, acc, o);
    }

    /** The double tail of {@link #masked} (shared with the SIMD engine: the same bits). */
    static void maskedTail(int[] mask, int mo, float[] xs, int xo, float[] zs, int zo, int from, int to,
                           double[] acc, int o) {
        for (int v = from; v < to; v++) {
            if (mask[mo + v] != 0) {
                double x = xs[xo + v];
                double z = zs[zo + v];
                acc[o + 4] += x;
                acc[o + SLOTS + 4] += x * x;
                acc[o + 2 * SLOTS + 4] += z;
                acc[o + 3 * SLOTS + 4] += z * z;
            }
        }
    }

    @Override
    public void matched(int[] labels, int label, float[] xs, float[] zs, int row, int from, int to, double[] acc,
                        int o, float[] f) {
        int v = from;
        int full = from + (to - from) / L * L;
        while (v < full) {
            int end = Math.min(full, v + MASKED_SETS * STEPS * L);
            java.util.Arrays.fill(f, 0, MASKED_SETS * 4 * L, 0f);
            for (int j = 0; v < end; v += L, j++) {
                int set = (j % MASKED_SETS) * 4 * L;
                for (int l = 0; l < L; l++) {
                    boolean in = labels[v + l] == label;
                    float x = xs[row + v + l];
                    float z = zs[row + v + l];
                    float mx = in ? x : 0f;
                    float mz = in ? z : 0f;
                    f[set + l] += mx;
                    f[set + L + l] = Math.fma(mx, x, f[set + L + l]);
                    f[set + 2 * L + l] += mz;
                    f[set + 3 * L + l] = Math.fma(mz, z, f[set + 3 * L + l]);
                }
            }
            widen(f, 4, MASKED_SETS, acc, o);
        }
        matchedTail(labels, label, xs, zs, row, v, to, acc, o);
    }

    /** The double tail of {@link #matched} (shared with the SIMD engine: the same bits). */
    static void matchedTail(int[] labels, int label, float[] xs, float[] zs, int row, int from, int to, double[] acc,
                            int o) {
        for (int v = from; v < to; v++) {
            if (labels[v] == label) {
                double x = xs[row + v];
                double z = zs[row + v];
                acc[o + 4] += x;
                acc[o + SLOTS + 4] += x * x;
                acc[o + 2 * SLOTS + 4] += z;
                acc[o + 3 * SLOTS + 4] += z * z;
            }
        }
    }

    @Override
    public void weighted(float[] ws, int wo, int[] same, int so, float[] xs, int xo, float[] zs, int zo, int from,
                         int to, double[] acc, int o) {
        float[] f = new float[8 * L];
        int v = from;
        int full = from + (to - from) / L * L;
        while (v < full) {
            int end = Math.min(full, v + STEPS * L);
            java.util.Arrays.fill(f, 0f);
            for (; v < end; v += L) {
                for (int l = 0; l < L; l++) {
                    boolean in = same[so + v + l] != 0;
                    float w = ws[wo + v + l];
                    float x = xs[xo + v + l];
                    float z = zs[zo + v + l];
                    float wx = w * x;
                    float wz = w * z;
                    float mx = in ? wx : 0f;
                    float mz = in ? wz : 0f;
                    f[l] += mx;
                    f[L + l] = Math.fma(mx, x, f[L + l]);
                    f[2 * L + l] += mz;
                    f[3 * L + l] = Math.fma(mz, z, f[3 * L + l]);
                    f[4 * L + l] += wx;
                    f[5 * L + l] = Math.fma(wx, x, f[5 * L + l]);
                    f[6 * L + l] += wz;
                    f[7 * L + l] = Math.fma(wz, z, f[7 * L + l]);
                }
            }
            widen(f, 8, 1, acc, o);
        }
        weightedTail(ws, wo, same, so, xs, xo, zs, zo, v, to, acc, o);
    }

    /** The double tail of {@link #weighted} (shared with the SIMD engine). */
    static void weightedTail(float[] ws, int wo, int[] same, int so, float[] xs, int xo, float[] zs, int zo,
                             int from, int to, double[] acc, int o) {
        for (int v = from; v < to; v++) {
            double w = ws[wo + v];
            double x = xs[xo + v];
            double z = zs[zo + v];
            double wx = w * x;
            double wz = w * z;
            if (same[so + v] != 0) {
                add4(acc, o + 4, wx, wx * x, wz, wz * z);
            }
            add4(acc, o + 4 * SLOTS + 4, wx, wx * x, wz, wz * z);
        }
    }

    @Override
    public void dot(float[] w, int wo, float[] p, int po, int from, int to, double[] acc, int o) {
        float[] f = new float[DOT_SETS * L];
        int v = from;
        int full = from + (to - from) / L * L;
        while (v < full) {
            int end = Math.min(full, v + DOT_SETS * STEPS * L);
            java.util.Arrays.fill(f, 0f);
            for (int j = 0; v < end; v += L, j++) {
                int set = (j % DOT_SETS) * L;
                for (int l = 0; l < L; l++) {
                    f[set + l] = Math.fma(w[wo + v + l], p[po + v + l], f[set + l]);
                }
            }
            widen(f, 1, DOT_SETS, acc, o);
        }
        dotTail(w, wo, p, po, v, to, acc, o);
    }

    private static void add4(double[] acc, int t, double a, double b, double c, double d) {
        acc[t] += a;
        acc[t + SLOTS] += b;
        acc[t + 2 * SLOTS] += c;
        acc[t + 3 * SLOTS] += d;
    }

    /** The double tail of {@link #dot} (shared with the SIMD engine). */
    static void dotTail(float[] w, int wo, float[] p, int po, int from, int to, double[] acc, int o) {
        for (int v = from; v < to; v++) {
            acc[o + 4] += (double) w[wo + v] * p[po + v];
        }
    }

    @Override
    public void gathered(float[] row, int ro, int[] idx, int io, float[] a0, int a0o, float[] a1, int a1o, int from, int to,
                         double[] acc, int o) {
        int sums = a1 == null ? 1 : 2;
        float[] f = new float[sums * L];
        int v = from;
        int full = from + (to - from) / L * L;
        while (v < full) {
            int end = Math.min(full, v + STEPS * L);
            java.util.Arrays.fill(f, 0f);
            for (; v < end; v += L) {
                for (int l = 0; l < L; l++) {
                    float g = row[ro + idx[io + v + l]];
                    f[l] = Math.fma(a0[a0o + v + l], g, f[l]);
                    if (a1 != null) {
                        f[L + l] = Math.fma(a1[a1o + v + l], g, f[L + l]);
                    }
                }
            }
            widen(f, sums, 1, acc, o);
        }
        gatheredTail(row, ro, idx, io, a0, a0o, a1, a1o, v, to, acc, o);
    }

    /** The double tail of {@link #gathered} (shared with the SIMD engine). */
    static void gatheredTail(float[] row, int ro, int[] idx, int io, float[] a0, int a0o, float[] a1, int a1o, int from,
                             int to, double[] acc, int o) {
        for (int v = from; v < to; v++) {
            double g = row[ro + idx[io + v]];
            acc[o + 4] += a0[a0o + v] * g;
            if (a1 != null) {
                acc[o + SLOTS + 4] += a1[a1o + v] * g;
            }
        }
    }

    /** The panel end: {@code D_l += (double) f_l + (double) f_{l+4}} for each sum, set after set. */
    private static void widen(float[] f, int sums, int sets, double[] acc, int o) {
        for (int k = 0; k < sets; k++) {
            for (int s = 0; s < sums; s++) {
                for (int l = 0; l < 4; l++) {
                    int at = (k * sums + s) * L + l;
                    acc[o + s * SLOTS + l] += (double) f[at] + (double) f[at + 4];
                }
            }
        }
    }
}
