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
    public void matched(int[] labels, int label, float[] xs, float[] zs, int row, int from, int to, double[] acc,
                        int o, float[] f) {
        int v = from;
        int full = from + (to - from) / L * L;
        while (v < full) {
            int end = Math.min(full, v + MATCHED_SETS * STEPS * L);
            java.util.Arrays.fill(f, 0, MATCHED_SETS * 4 * L, 0f);
            for (int j = 0; v < end; v += L, j++) {
                int set = (j % MATCHED_SETS) * 4 * L;
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
            widen(f, 4, MATCHED_SETS, acc, o);
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

    private static void add4(double[] acc, int t, double a, double b, double c, double d) {
        acc[t] += a;
        acc[t + SLOTS] += b;
        acc[t + 2 * SLOTS] += c;
        acc[t + 3 * SLOTS] += d;
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

    @Override
    public void gatheredPairs(long[] rows, int ro, int[] idx, int io, float[] a0, int a0o, float[] a1, int a1o,
                              int from, int to, double[] acc, int o) {
        float[] f = new float[4 * L];
        int v = from;
        int full = from + (to - from) / L * L;
        while (v < full) {
            int end = Math.min(full, v + STEPS * L);
            java.util.Arrays.fill(f, 0f);
            for (; v < end; v += L) {
                for (int l = 0; l < L; l++) {
                    long x = rows[ro + idx[io + v + l]];
                    float g0 = Float.intBitsToFloat((int) x);
                    float g1 = Float.intBitsToFloat((int) (x >>> 32));
                    float b0 = a0[a0o + v + l];
                    float b1 = a1[a1o + v + l];
                    f[l] = Math.fma(b0, g0, f[l]);
                    f[L + l] = Math.fma(b1, g0, f[L + l]);
                    f[2 * L + l] = Math.fma(b0, g1, f[2 * L + l]);
                    f[3 * L + l] = Math.fma(b1, g1, f[3 * L + l]);
                }
            }
            widen(f, 4, 1, acc, o);
        }
        gatheredPairsTail(rows, ro, idx, io, a0, a0o, a1, a1o, v, to, acc, o);
    }

    /** The double tail of {@link #gatheredPairs} (shared with the SIMD engine). */
    static void gatheredPairsTail(long[] rows, int ro, int[] idx, int io, float[] a0, int a0o, float[] a1, int a1o,
                                  int from, int to, double[] acc, int o) {
        for (int v = from; v < to; v++) {
            long x = rows[ro + idx[io + v]];
            double g0 = Float.intBitsToFloat((int) x);
            double g1 = Float.intBitsToFloat((int) (x >>> 32));
            add4(acc, o + 4, a0[a0o + v] * g0, a1[a1o + v] * g0, a0[a0o + v] * g1, a1[a1o + v] * g1);
        }
    }

    @Override
    public void interleave(float[] low, int lo, float[] high, int ho, long[] into, int io, int count) {
        interleaveTail(low, lo, high, ho, into, io, 0, count);
    }

    /** {@link #interleave} of the elements [from, to) (shared with the SIMD engine). */
    static void interleaveTail(float[] low, int lo, float[] high, int ho, long[] into, int io, int from, int to) {
        for (int v = from; v < to; v++) {
            into[io + v] = (Float.floatToRawIntBits(low[lo + v]) & 0xffffffffL)
                    | (long) Float.floatToRawIntBits(high[ho + v]) << 32;
        }
    }

    @Override
    public void moments(float[] ws, int w0, int w1, float[] xs, int xo, float[] zs, int zo, int from, int to,
                        double[] acc, int o0, int o1) {
        // each weight row alone: the SIMD engine's pass over both gives each sum the same bits
        momentsOne(ws, w0, xs, xo, zs, zo, from, to, acc, o0);
        if (w1 >= 0) {
            momentsOne(ws, w1, xs, xo, zs, zo, from, to, acc, o1);
        }
    }

    private static void momentsOne(float[] ws, int wo, float[] xs, int xo, float[] zs, int zo, int from, int to,
                                   double[] acc, int o) {
        float[] f = new float[4 * L];
        int v = from;
        int full = from + (to - from) / L * L;
        while (v < full) {
            int end = Math.min(full, v + STEPS * L);
            java.util.Arrays.fill(f, 0f);
            for (; v < end; v += L) {
                for (int l = 0; l < L; l++) {
                    float w = ws[wo + v + l];
                    float x = xs[xo + v + l];
                    float z = zs[zo + v + l];
                    float wx = w * x;
                    float wz = w * z;
                    f[l] += wx;
                    f[L + l] = Math.fma(wx, x, f[L + l]);
                    f[2 * L + l] += wz;
                    f[3 * L + l] = Math.fma(wz, z, f[3 * L + l]);
                }
            }
            widen(f, 4, 1, acc, o);
        }
        momentsTail(ws, wo, xs, xo, zs, zo, v, to, acc, o);
    }

    /** The double tail of {@link #moments} for one weight row (shared with the SIMD engine). */
    static void momentsTail(float[] ws, int wo, float[] xs, int xo, float[] zs, int zo, int from, int to,
                            double[] acc, int o) {
        // the tail sums in locals (the same additions in the same order: no store-to-load chain through acc)
        double tx = acc[o + 4];
        double txx = acc[o + SLOTS + 4];
        double tz = acc[o + 2 * SLOTS + 4];
        double tzz = acc[o + 3 * SLOTS + 4];
        for (int v = from; v < to; v++) {
            double w = ws[wo + v];
            double x = xs[xo + v];
            double z = zs[zo + v];
            double wx = w * x;
            double wz = w * z;
            tx += wx;
            txx += wx * x;
            tz += wz;
            tzz += wz * z;
        }
        acc[o + 4] = tx;
        acc[o + SLOTS + 4] = txx;
        acc[o + 2 * SLOTS + 4] = tz;
        acc[o + 3 * SLOTS + 4] = tzz;
    }

    @Override
    public void dots8(float[] w, int[] wo, float[] p, int po, int from, int to, double[] acc, int o) {
        // each weight row alone: one set of partials per sum, as in the SIMD engine's pass over all eight
        float[] f = new float[L];
        for (int j = 0; j < DOTS; j++) {
            int v = from;
            int full = from + (to - from) / L * L;
            while (v < full) {
                int end = Math.min(full, v + STEPS * L);
                java.util.Arrays.fill(f, 0f);
                for (; v < end; v += L) {
                    for (int l = 0; l < L; l++) {
                        f[l] = Math.fma(w[wo[j] + v + l], p[po + v + l], f[l]);
                    }
                }
                widen(f, 1, 1, acc, o + j * SLOTS);
            }
        }
        dots8Tail(w, wo, p, po, from + (to - from) / L * L, to, acc, o);
    }

    /** The double tails of {@link #dots8}, each sum's tail terms w·p added in double in column order (shared with the SIMD engine). */
    static void dots8Tail(float[] w, int[] wo, float[] p, int po, int from, int to, double[] acc, int o) {
        for (int j = 0; j < DOTS; j++) {
            double t = acc[o + j * SLOTS + 4]; // in a local: no store-to-load chain through acc
            for (int v = from; v < to; v++) {
                t += (double) w[wo[j] + v] * p[po + v];
            }
            acc[o + j * SLOTS + 4] = t;
        }
    }

    @Override
    public void products(float[] a, int ao, float[] b, int bo, float[] out, int from, int to) {
        productsTail(a, ao, b, bo, out, from, to);
    }

    /** {@link #products} one by one (the SIMD engine's tail). */
    static void productsTail(float[] a, int ao, float[] b, int bo, float[] out, int from, int to) {
        for (int v = from; v < to; v++) {
            out[v] = a[ao + v] * b[bo + v];
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
