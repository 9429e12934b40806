package laminar.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * JDK Vector API engine: one 256-bit float vector per canonical 8-lane partial sum, a 4×3 register tile of row
 * pairs (12 accumulators + 3 column vectors + 1 row vector = the 16 AVX2 registers; 7 loads per 12 FMAs). At each
 * panel end the float accumulators are stored, widened to double and added into the tile's double sums. 256 bits also on
 * AVX-512 CPUs: the canonical order has 8 lanes, so the bits do not depend on the machine. Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorDotTiles implements DotTiles {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;

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
        int a0 = i0 * dp, a1 = a0 + dp, a2 = a1 + dp, a3 = a2 + dp;
        int b0 = j0 * dp, b1 = b0 + dp, b2 = b1 + dp;
        for (int p = k0; p < k1; p += PANEL) {
            int end = Math.min(k1, p + PANEL);
            FloatVector c00 = FloatVector.zero(F), c01 = c00, c02 = c00;
            FloatVector c10 = c00, c11 = c00, c12 = c00;
            FloatVector c20 = c00, c21 = c00, c22 = c00;
            FloatVector c30 = c00, c31 = c00, c32 = c00;
            for (int k = p; k < end; k += LANES) {
                FloatVector y0 = FloatVector.fromArray(F, x, b0 + k);
                FloatVector y1 = FloatVector.fromArray(F, x, b1 + k);
                FloatVector y2 = FloatVector.fromArray(F, x, b2 + k);
                FloatVector v = FloatVector.fromArray(F, x, a0 + k);
                c00 = v.fma(y0, c00);
                c01 = v.fma(y1, c01);
                c02 = v.fma(y2, c02);
                v = FloatVector.fromArray(F, x, a1 + k);
                c10 = v.fma(y0, c10);
                c11 = v.fma(y1, c11);
                c12 = v.fma(y2, c12);
                v = FloatVector.fromArray(F, x, a2 + k);
                c20 = v.fma(y0, c20);
                c21 = v.fma(y1, c21);
                c22 = v.fma(y2, c22);
                v = FloatVector.fromArray(F, x, a3 + k);
                c30 = v.fma(y0, c30);
                c31 = v.fma(y1, c31);
                c32 = v.fma(y2, c32);
            }
            // Stored and widened in a loop: twelve inlined conversions make the method too large for C2 to
            // inline the Vector API calls (measured 2.5x slower).
            c00.intoArray(f, 0);
            c01.intoArray(f, LANES);
            c02.intoArray(f, 2 * LANES);
            c10.intoArray(f, 3 * LANES);
            c11.intoArray(f, 4 * LANES);
            c12.intoArray(f, 5 * LANES);
            c20.intoArray(f, 6 * LANES);
            c21.intoArray(f, 7 * LANES);
            c22.intoArray(f, 8 * LANES);
            c30.intoArray(f, 9 * LANES);
            c31.intoArray(f, 10 * LANES);
            c32.intoArray(f, 11 * LANES);
            widen(f, acc, o);
        }
    }

    /** {@code D_l += (double) f_l + (double) f_{l+4}} for the tile's 12 pairs: the canonical panel end. */
    private static void widen(float[] f, double[] acc, int o) {
        for (int q = 0; q < TILE_I * TILE_J; q++) {
            // 4 floats to 4 doubles: same lane count, one vcvtps2pd (an 8-to-4 "part" conversion is not intrinsic).
            DoubleVector lo = (DoubleVector) FloatVector.fromArray(F4, f, q * LANES).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector hi = (DoubleVector) FloatVector.fromArray(F4, f, q * LANES + SUMS)
                    .convertShape(VectorOperators.F2D, D, 0);
            int s = o + q * SUMS;
            DoubleVector.fromArray(D, acc, s).add(lo.add(hi)).intoArray(acc, s);
        }
    }
}
