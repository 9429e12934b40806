package laminar.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDots} with the JDK Vector API: one 256-bit float vector per sum's eight lane partials (also on AVX-512:
 * the canonical order has 8 lanes), labels compared lane-wise and blended, gathers with the Vector API's indexed
 * load (64-bit ones for two packed rows).
 * At each panel end the partials are stored and widened to double ({@code 8 → 4} part conversions are not
 * intrinsic; 4 floats to 4 doubles is one instruction). Loaded only when the {@code jdk.incubator.vector} module is
 * present.
 */
final class VectorRowDots implements RowDots {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_256;

    /** Lanes of two vectors (indices 8..15: the second) that split pairs into their low and high floats, and back. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromValues(F, 0, 2, 4, 6, 8, 10, 12, 14);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromValues(F, 1, 3, 5, 7, 9, 11, 13, 15);
    private static final VectorShuffle<Float> ZIP_LOW = VectorShuffle.fromValues(F, 0, 8, 1, 9, 2, 10, 3, 11);
    private static final VectorShuffle<Float> ZIP_HIGH = VectorShuffle.fromValues(F, 4, 12, 5, 13, 6, 14, 7, 15);

    /** Float partials on their way to double, per thread (8 sums × 8 lanes). */
    private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[8 * LANES]);

    private VectorRowDots() {
    }

    /** The engine for this CPU, or null when SIMD floats are narrower than 256 bits. */
    static RowDots forThisCpu() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorRowDots() : null;
    }

    @Override
    public String describe() {
        return "JDK Vector API, 256-bit float lanes, double panel sums";
    }

    @Override
    public void matched(int[] labels, int label, float[] xs, float[] zs, int row, int from, int to, double[] acc,
                        int o, float[] f) {
        int full = from + (to - from) / LANES * LANES;
        // the tail first (its own double sums, so the order is the same): nothing but the loop's own values then stays
        // live across the loop, which keeps its indices and arrays in registers
        ScalarRowDots.matchedTail(labels, label, xs, zs, row, full, to, acc, o);
        FloatVector zero = FloatVector.zero(F);
        FloatVector a = zero; // set 0 (even vectors): x, x², z, z²
        FloatVector b = zero;
        FloatVector c = zero;
        FloatVector d = zero;
        FloatVector a1 = zero; // set 1 (odd vectors)
        FloatVector b1 = zero;
        FloatVector c1 = zero;
        FloatVector d1 = zero;
        // One loop over the range with the panel end behind a counter: nested panel loops cost C2 a pre- and a
        // post-loop each, and its unrolled main loop spilled accumulators out of the 16 vector registers.
        int j = 0;
        int v = from;
        int pairs = from + (full - from) / (2 * LANES) * (2 * LANES); // a plain v < limit: C2 drops the range checks
        for (; v < pairs; v += 2 * LANES) {
            FloatVector x = FloatVector.fromArray(F, xs, row + v);
            FloatVector z = FloatVector.fromArray(F, zs, row + v);
            VectorMask<Float> in = IntVector.fromArray(I, labels, v).eq(label).cast(F);
            FloatVector mx = zero.blend(x, in);
            FloatVector mz = zero.blend(z, in);
            a = a.add(mx);
            b = mx.fma(x, b);
            c = c.add(mz);
            d = mz.fma(z, d);
            x = FloatVector.fromArray(F, xs, row + v + LANES);
            z = FloatVector.fromArray(F, zs, row + v + LANES);
            in = IntVector.fromArray(I, labels, v + LANES).eq(label).cast(F);
            mx = zero.blend(x, in);
            mz = zero.blend(z, in);
            a1 = a1.add(mx);
            b1 = mx.fma(x, b1);
            c1 = c1.add(mz);
            d1 = mz.fma(z, d1);
            if (++j == STEPS) { // a full panel: 2 sets of 16 vectors
                j = 0;
                a.intoArray(f, 0);
                b.intoArray(f, LANES);
                c.intoArray(f, 2 * LANES);
                d.intoArray(f, 3 * LANES);
                a1.intoArray(f, 4 * LANES);
                b1.intoArray(f, 5 * LANES);
                c1.intoArray(f, 6 * LANES);
                d1.intoArray(f, 7 * LANES);
                widen(f, 4, MATCHED_SETS, acc, o);
                a = zero;
                b = zero;
                c = zero;
                d = zero;
                a1 = zero;
                b1 = zero;
                c1 = zero;
                d1 = zero;
            }
        }
        if (v < full) { // one even vector left, the last of the last panel
            FloatVector x = FloatVector.fromArray(F, xs, row + v);
            FloatVector z = FloatVector.fromArray(F, zs, row + v);
            VectorMask<Float> in = IntVector.fromArray(I, labels, v).eq(label).cast(F);
            FloatVector mx = zero.blend(x, in);
            FloatVector mz = zero.blend(z, in);
            a = a.add(mx);
            b = mx.fma(x, b);
            c = c.add(mz);
            d = mz.fma(z, d);
            j++;
        }
        if (j > 0) {
            a.intoArray(f, 0);
            b.intoArray(f, LANES);
            c.intoArray(f, 2 * LANES);
            d.intoArray(f, 3 * LANES);
            a1.intoArray(f, 4 * LANES);
            b1.intoArray(f, 5 * LANES);
            c1.intoArray(f, 6 * LANES);
            d1.intoArray(f, 7 * LANES);
            widen(f, 4, MATCHED_SETS, acc, o);
        }
    }

    @Override
    public void gathered(float[] row, int ro, int[] idx, int io, float[] a0, int a0o, float[] a1, int a1o, int from, int to,
                         double[] acc, int o) {
        float[] f = SCRATCH.get();
        int v = from;
        int full = from + (to - from) / LANES * LANES;
        while (v < full) {
            int end = Math.min(full, v + STEPS * LANES);
            FloatVector a = FloatVector.zero(F);
            if (a1 == null) {
                for (; v < end; v += LANES) {
                    FloatVector g = FloatVector.fromArray(F, row, ro, idx, io + v);
                    a = FloatVector.fromArray(F, a0, a0o + v).fma(g, a);
                }
                a.intoArray(f, 0);
                widen(f, 1, 1, acc, o);
            } else {
                FloatVector b = a;
                for (; v < end; v += LANES) {
                    FloatVector g = FloatVector.fromArray(F, row, ro, idx, io + v);
                    a = FloatVector.fromArray(F, a0, a0o + v).fma(g, a);
                    b = FloatVector.fromArray(F, a1, a1o + v).fma(g, b);
                }
                a.intoArray(f, 0);
                b.intoArray(f, LANES);
                widen(f, 2, 1, acc, o);
            }
        }
        ScalarRowDots.gatheredTail(row, ro, idx, io, a0, a0o, a1, a1o, v, to, acc, o);
    }

    @Override
    public void gatheredPairs(long[] rows, int ro, int[] idx, int io, float[] a0, int a0o, float[] a1, int a1o,
                              int from, int to, double[] acc, int o) {
        float[] f = SCRATCH.get();
        int v = from;
        int full = from + (to - from) / LANES * LANES;
        while (v < full) {
            int end = Math.min(full, v + STEPS * LANES);
            FloatVector s00 = FloatVector.zero(F);
            FloatVector s10 = s00;
            FloatVector s01 = s00;
            FloatVector s11 = s00;
            // two vectors per iteration (the same chains in the same order: fewer loop overheads), then one left
            for (; v + 2 * LANES <= end; v += 2 * LANES) {
                // two 64-bit gathers of 4 (row 0, row 1) pairs each, split into the rows' 8 lanes
                FloatVector x = LongVector.fromArray(L, rows, ro, idx, io + v).reinterpretAsFloats();
                FloatVector y = LongVector.fromArray(L, rows, ro, idx, io + v + LANES / 2).reinterpretAsFloats();
                FloatVector g0 = x.rearrange(EVEN, y);
                FloatVector g1 = x.rearrange(ODD, y);
                FloatVector b0 = FloatVector.fromArray(F, a0, a0o + v);
                FloatVector b1 = FloatVector.fromArray(F, a1, a1o + v);
                s00 = b0.fma(g0, s00);
                s10 = b1.fma(g0, s10);
                s01 = b0.fma(g1, s01);
                s11 = b1.fma(g1, s11);
                x = LongVector.fromArray(L, rows, ro, idx, io + v + LANES).reinterpretAsFloats();
                y = LongVector.fromArray(L, rows, ro, idx, io + v + LANES + LANES / 2).reinterpretAsFloats();
                g0 = x.rearrange(EVEN, y);
                g1 = x.rearrange(ODD, y);
                b0 = FloatVector.fromArray(F, a0, a0o + v + LANES);
                b1 = FloatVector.fromArray(F, a1, a1o + v + LANES);
                s00 = b0.fma(g0, s00);
                s10 = b1.fma(g0, s10);
                s01 = b0.fma(g1, s01);
                s11 = b1.fma(g1, s11);
            }
            if (v < end) {
                FloatVector x = LongVector.fromArray(L, rows, ro, idx, io + v).reinterpretAsFloats();
                FloatVector y = LongVector.fromArray(L, rows, ro, idx, io + v + LANES / 2).reinterpretAsFloats();
                FloatVector g0 = x.rearrange(EVEN, y);
                FloatVector g1 = x.rearrange(ODD, y);
                FloatVector b0 = FloatVector.fromArray(F, a0, a0o + v);
                FloatVector b1 = FloatVector.fromArray(F, a1, a1o + v);
                s00 = b0.fma(g0, s00);
                s10 = b1.fma(g0, s10);
                s01 = b0.fma(g1, s01);
                s11 = b1.fma(g1, s11);
                v += LANES;
            }
            s00.intoArray(f, 0);
            s10.intoArray(f, LANES);
            s01.intoArray(f, 2 * LANES);
            s11.intoArray(f, 3 * LANES);
            widen(f, 4, 1, acc, o);
        }
        ScalarRowDots.gatheredPairsTail(rows, ro, idx, io, a0, a0o, a1, a1o, v, to, acc, o);
    }

    @Override
    public void interleave(float[] low, int lo, float[] high, int ho, long[] into, int io, int count) {
        int v = 0;
        for (; v + LANES <= count; v += LANES) {
            FloatVector x = FloatVector.fromArray(F, low, lo + v);
            FloatVector y = FloatVector.fromArray(F, high, ho + v);
            x.rearrange(ZIP_LOW, y).reinterpretAsLongs().intoArray(into, io + v);
            x.rearrange(ZIP_HIGH, y).reinterpretAsLongs().intoArray(into, io + v + LANES / 2);
        }
        ScalarRowDots.interleaveTail(low, lo, high, ho, into, io, v, count);
    }

    @Override
    public void moments(float[] ws, int w0, int w1, float[] xs, int xo, float[] zs, int zo, int from, int to,
                        double[] acc, int o0, int o1) {
        float[] f = SCRATCH.get();
        int v = from;
        int full = from + (to - from) / LANES * LANES;
        while (v < full) {
            int end = Math.min(full, v + STEPS * LANES);
            FloatVector a = FloatVector.zero(F);
            FloatVector b = a;
            FloatVector c = a;
            FloatVector d = a;
            if (w1 < 0) {
                for (; v < end; v += LANES) {
                    FloatVector x = FloatVector.fromArray(F, xs, xo + v);
                    FloatVector z = FloatVector.fromArray(F, zs, zo + v);
                    FloatVector w = FloatVector.fromArray(F, ws, w0 + v);
                    FloatVector wx = w.mul(x);
                    FloatVector wz = w.mul(z);
                    a = a.add(wx);
                    b = wx.fma(x, b);
                    c = c.add(wz);
                    d = wz.fma(z, d);
                }
                a.intoArray(f, 0);
                b.intoArray(f, LANES);
                c.intoArray(f, 2 * LANES);
                d.intoArray(f, 3 * LANES);
                widen(f, 4, 1, acc, o0);
                continue;
            }
            FloatVector a1 = a;
            FloatVector b1 = a;
            FloatVector c1 = a;
            FloatVector d1 = a;
            for (; v < end; v += LANES) {
                // x and z loaded once for both weight rows
                FloatVector x = FloatVector.fromArray(F, xs, xo + v);
                FloatVector z = FloatVector.fromArray(F, zs, zo + v);
                FloatVector w = FloatVector.fromArray(F, ws, w0 + v);
                FloatVector wx = w.mul(x);
                FloatVector wz = w.mul(z);
                a = a.add(wx);
                b = wx.fma(x, b);
                c = c.add(wz);
                d = wz.fma(z, d);
                w = FloatVector.fromArray(F, ws, w1 + v);
                wx = w.mul(x);
                wz = w.mul(z);
                a1 = a1.add(wx);
                b1 = wx.fma(x, b1);
                c1 = c1.add(wz);
                d1 = wz.fma(z, d1);
            }
            a.intoArray(f, 0);
            b.intoArray(f, LANES);
            c.intoArray(f, 2 * LANES);
            d.intoArray(f, 3 * LANES);
            a1.intoArray(f, 4 * LANES);
            b1.intoArray(f, 5 * LANES);
            c1.intoArray(f, 6 * LANES);
            d1.intoArray(f, 7 * LANES);
            widen(f, 4, 1, acc, o0);
            widenFrom(f, 4 * LANES, 4, acc, o1);
        }
        ScalarRowDots.momentsTail(ws, w0, xs, xo, zs, zo, v, to, acc, o0);
        if (w1 >= 0) {
            ScalarRowDots.momentsTail(ws, w1, xs, xo, zs, zo, v, to, acc, o1);
        }
    }

    @Override
    public void dots8(float[] w, int[] wo, float[] p, int po, int from, int to, double[] acc, int o) {
        float[] f = SCRATCH.get();
        int o0 = wo[0];
        int o1 = wo[1];
        int o2 = wo[2];
        int o3 = wo[3];
        int o4 = wo[4];
        int o5 = wo[5];
        int o6 = wo[6];
        int o7 = wo[7];
        int v = from;
        int full = from + (to - from) / LANES * LANES;
        while (v < full) {
            int end = Math.min(full, v + STEPS * LANES);
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (; v < end; v += LANES) {
                FloatVector x = FloatVector.fromArray(F, p, po + v); // loaded once for the eight weight rows
                a0 = FloatVector.fromArray(F, w, o0 + v).fma(x, a0);
                a1 = FloatVector.fromArray(F, w, o1 + v).fma(x, a1);
                a2 = FloatVector.fromArray(F, w, o2 + v).fma(x, a2);
                a3 = FloatVector.fromArray(F, w, o3 + v).fma(x, a3);
                a4 = FloatVector.fromArray(F, w, o4 + v).fma(x, a4);
                a5 = FloatVector.fromArray(F, w, o5 + v).fma(x, a5);
                a6 = FloatVector.fromArray(F, w, o6 + v).fma(x, a6);
                a7 = FloatVector.fromArray(F, w, o7 + v).fma(x, a7);
            }
            a0.intoArray(f, 0);
            a1.intoArray(f, LANES);
            a2.intoArray(f, 2 * LANES);
            a3.intoArray(f, 3 * LANES);
            a4.intoArray(f, 4 * LANES);
            a5.intoArray(f, 5 * LANES);
            a6.intoArray(f, 6 * LANES);
            a7.intoArray(f, 7 * LANES);
            widen(f, DOTS, 1, acc, o);
        }
        ScalarRowDots.dots8Tail(w, wo, p, po, v, to, acc, o);
    }

    @Override
    public void products(float[] a, int ao, float[] b, int bo, float[] out, int from, int to) {
        int v = from;
        for (int full = from + (to - from) / LANES * LANES; v < full; v += LANES) {
            FloatVector.fromArray(F, a, ao + v).mul(FloatVector.fromArray(F, b, bo + v)).intoArray(out, v);
        }
        ScalarRowDots.productsTail(a, ao, b, bo, out, v, to);
    }

    /**
     * The canonical panel end for {@code sums} sums of {@code sets} interleaved partial sets (set k's sum s at
     * {@code f[(k * sums + s) * LANES]}): {@code D_l += (double) f_l + (double) f_{l+4}}, set after set. No vector
     * leaves this method or crosses a loop iteration (either would be boxed when C2 does not inline it).
     */
    private static void widen(float[] f, int sums, int sets, double[] acc, int o) {
        for (int k = 0; k < sets; k++) {
            widenFrom(f, k * sums * LANES, sums, acc, o);
        }
    }

    /** The canonical panel end of one set of {@code sums} sums whose partials start at {@code f[from]}. */
    private static void widenFrom(float[] f, int from, int sums, double[] acc, int o) {
        for (int s = 0; s < sums; s++) {
            int at = from + s * LANES;
            DoubleVector lo = (DoubleVector) FloatVector.fromArray(F4, f, at).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector hi = (DoubleVector) FloatVector.fromArray(F4, f, at + 4).convertShape(VectorOperators.F2D, D, 0);
            int t = o + s * SLOTS;
            DoubleVector.fromArray(D, acc, t).add(lo.add(hi)).intoArray(acc, t);
        }
    }
}
