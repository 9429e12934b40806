package laminar.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * JDK Vector API engine: one 256-bit float vector per canonical 8-lane partial sum, a 3×3 register tile of row
 * pairs over packed rows (9 accumulators + 3 column vectors + 1 row vector = 13 of the 16 AVX2 registers; 6 loads
 * per 9 FMAs, all from two sequential streams). At each panel end the float accumulators are stored, widened to
 * double and added into the tile's double sums. 256 bits also on AVX-512 CPUs: the canonical order has 8 lanes,
 * so the bits do not depend on the machine. Loaded only when the {@code jdk.incubator.vector} module is present.
 */
final class VectorDotTiles implements DotTiles {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;

    /** Floats of one packed 8-column chunk of a group. */
    private static final int STEP = TILE * LANES;

    /** The engine for this CPU, or null when SIMD floats are narrower than 256 bits. */
    static DotTiles forThisCpu() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 ? new VectorDotTiles() : null;
    }

    @Override
    public String describe() {
        return "JDK Vector API, 256-bit float lanes, double panel sums";
    }

    @Override
    public void tile(float[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o, float[] f) {
        // Packed groups: chunk c of a group holds its 3 rows' columns 8c..8c+7 at 0, 8, 16 (DotTiles.packedIndex).
        panels(x, PACK_LEAD + i0 * dp + TILE * k0, PACK_LEAD + j0 * dp + TILE * k0, k0, k1, acc, o, f);
    }

    /**
     * The tile's panels: per panel, nine float partial-sum vectors, stored into {@code f} and widened into the
     * double sums. Too big for C2 to inline, so it takes a whole slab per call. Two 8-column steps are written
     * out per iteration (panels have an even number of chunks, see {@link DotTiles#padded}), and the loop exit is
     * {@code !=} so that C2 does not unroll further. What C2 makes of it (assembly, hsdis): unrolled by C2 (loop
     * {@code <}, 4×), it hoists the later steps' loads above the FMAs and spills vectors to the stack inside the
     * loop; the earlier 4×3 tile (16 registers) spilled two accumulators even without unrolling, putting a store
     * and a reload on their FMA chains. Here, in L1 per core (peak 90): 3×3 unrolled by C2 25, one step per
     * iteration 32-40 (35 instructions per 9 FMAs), two steps 33-45 (two column vectors spilled, off the chains),
     * and with the panel loop in this method instead of one call per panel 35-45.
     */
    private static void panels(float[] x, int a, int b, int k0, int k1, double[] acc, int o, float[] f) {
        for (int p = k0; p < k1; p += PANEL) {
            int len = TILE * (Math.min(k1, p + PANEL) - p);
            FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00;
            FloatVector c10 = c00, c11 = c00, c12 = c00;
            FloatVector c20 = c00, c21 = c00, c22 = c00;
            for (int q = 0; q != len; q += 2 * TILE * LANES) {
                FloatVector y0 = FloatVector.fromArray(F, x, b + q);
                FloatVector y1 = FloatVector.fromArray(F, x, b + q + LANES);
                FloatVector y2 = FloatVector.fromArray(F, x, b + q + 2 * LANES);
                FloatVector v = FloatVector.fromArray(F, x, a + q);
                c00 = v.fma(y0, c00);
                c01 = v.fma(y1, c01);
                c02 = v.fma(y2, c02);
                v = FloatVector.fromArray(F, x, a + q + LANES);
                c10 = v.fma(y0, c10);
                c11 = v.fma(y1, c11);
                c12 = v.fma(y2, c12);
                v = FloatVector.fromArray(F, x, a + q + 2 * LANES);
                c20 = v.fma(y0, c20);
                c21 = v.fma(y1, c21);
                c22 = v.fma(y2, c22);
                y0 = FloatVector.fromArray(F, x, b + q + STEP);
                y1 = FloatVector.fromArray(F, x, b + q + STEP + LANES);
                y2 = FloatVector.fromArray(F, x, b + q + STEP + 2 * LANES);
                v = FloatVector.fromArray(F, x, a + q + STEP);
                c00 = v.fma(y0, c00);
                c01 = v.fma(y1, c01);
                c02 = v.fma(y2, c02);
                v = FloatVector.fromArray(F, x, a + q + STEP + LANES);
                c10 = v.fma(y0, c10);
                c11 = v.fma(y1, c11);
                c12 = v.fma(y2, c12);
                v = FloatVector.fromArray(F, x, a + q + STEP + 2 * LANES);
                c20 = v.fma(y0, c20);
                c21 = v.fma(y1, c21);
                c22 = v.fma(y2, c22);
            }
            // Stored, then widened in a loop (widen): nine inlined conversions make the code too large for C2 to
            // inline the Vector API calls (measured 2.5x slower with the earlier 12-accumulator tile).
            c00.intoArray(f, 0);
            c01.intoArray(f, LANES);
            c02.intoArray(f, 2 * LANES);
            c10.intoArray(f, 3 * LANES);
            c11.intoArray(f, 4 * LANES);
            c12.intoArray(f, 5 * LANES);
            c20.intoArray(f, 6 * LANES);
            c21.intoArray(f, 7 * LANES);
            c22.intoArray(f, 8 * LANES);
            widen(f, acc, o);
            a += len;
            b += len;
        }
    }

    /** {@code D_l += (double) f_l + (double) f_{l+4}} for the tile's 9 pairs: the canonical panel end. */
    private static void widen(float[] f, double[] acc, int o) {
        for (int q = 0; q < TILE * TILE; q++) {
            // 4 floats to 4 doubles: same lane count, one vcvtps2pd (an 8-to-4 "part" conversion is not intrinsic).
            DoubleVector lo = (DoubleVector) FloatVector.fromArray(F4, f, q * LANES)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector hi = (DoubleVector) FloatVector.fromArray(F4, f, q * LANES + SUMS)
                    .convertShape(VectorOperators.F2D, D, 0);
            int s = o + q * SUMS;
            DoubleVector.fromArray(D, acc, s).add(lo.add(hi)).intoArray(acc, s);
        }
    }
}
