package laminar.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * JDK Vector API engine: one 512-bit vector (or two 256-bit vectors) per canonical 8-lane partial sum, a 4×4
 * register tile of row pairs (16 accumulators, 8 loads per 16 FMAs). Loaded only when the
 * {@code jdk.incubator.vector} module is present.
 */
final class VectorDotTiles implements DotTiles {

    private static final VectorSpecies<Double> S512 = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Double> S256 = DoubleVector.SPECIES_256;

    private final boolean wide;

    private VectorDotTiles(boolean wide) {
        this.wide = wide;
    }

    /** The engine for this CPU, or null when SIMD doubles are narrower than 256 bits. */
    static DotTiles forThisCpu() {
        int bits = DoubleVector.SPECIES_PREFERRED.vectorBitSize();
        if (bits >= 512) {
            return new VectorDotTiles(true);
        }
        return bits >= 256 ? new VectorDotTiles(false) : null;
    }

    /** A specific width (256 or 512 bits), for tests that check both give the same bits. */
    static DotTiles withBits(int bits) {
        if (bits != 256 && bits != 512) {
            throw new IllegalArgumentException("bits must be 256 or 512, got " + bits);
        }
        return new VectorDotTiles(bits == 512);
    }

    @Override
    public String describe() {
        return "JDK Vector API, " + (wide ? "512" : "256") + "-bit double lanes";
    }

    @Override
    public void tile(double[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o) {
        if (wide) {
            tile512(x, dp, i0, j0, k0, k1, acc, o);
        } else {
            // Four 2×2 sub-tiles: 8 accumulators of two 256-bit halves each fit the 16 AVX2 registers.
            for (int a = 0; a < TILE; a += 2) {
                for (int b = 0; b < TILE; b += 2) {
                    tile256(x, dp, i0 + a, j0 + b, k0, k1, acc, o + (a * TILE + b) * LANES);
                }
            }
        }
    }

    @Override
    public void pair(double[] x, int dp, int i, int j, int k0, int k1, double[] acc, int o) {
        int xi = i * dp;
        int xj = j * dp;
        if (wide) {
            DoubleVector c = DoubleVector.fromArray(S512, acc, o);
            for (int k = k0; k < k1; k += LANES) {
                c = DoubleVector.fromArray(S512, x, xi + k).fma(DoubleVector.fromArray(S512, x, xj + k), c);
            }
            c.intoArray(acc, o);
        } else {
            DoubleVector lo = DoubleVector.fromArray(S256, acc, o);
            DoubleVector hi = DoubleVector.fromArray(S256, acc, o + 4);
            for (int k = k0; k < k1; k += LANES) {
                lo = DoubleVector.fromArray(S256, x, xi + k).fma(DoubleVector.fromArray(S256, x, xj + k), lo);
                hi = DoubleVector.fromArray(S256, x, xi + k + 4).fma(DoubleVector.fromArray(S256, x, xj + k + 4), hi);
            }
            lo.intoArray(acc, o);
            hi.intoArray(acc, o + 4);
        }
    }

    private static void tile512(double[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o) {
        int a0 = i0 * dp, a1 = a0 + dp, a2 = a1 + dp, a3 = a2 + dp;
        int b0 = j0 * dp, b1 = b0 + dp, b2 = b1 + dp, b3 = b2 + dp;
        DoubleVector c00 = DoubleVector.fromArray(S512, acc, o);
        DoubleVector c01 = DoubleVector.fromArray(S512, acc, o + 8);
        DoubleVector c02 = DoubleVector.fromArray(S512, acc, o + 16);
        DoubleVector c03 = DoubleVector.fromArray(S512, acc, o + 24);
        DoubleVector c10 = DoubleVector.fromArray(S512, acc, o + 32);
        DoubleVector c11 = DoubleVector.fromArray(S512, acc, o + 40);
        DoubleVector c12 = DoubleVector.fromArray(S512, acc, o + 48);
        DoubleVector c13 = DoubleVector.fromArray(S512, acc, o + 56);
        DoubleVector c20 = DoubleVector.fromArray(S512, acc, o + 64);
        DoubleVector c21 = DoubleVector.fromArray(S512, acc, o + 72);
        DoubleVector c22 = DoubleVector.fromArray(S512, acc, o + 80);
        DoubleVector c23 = DoubleVector.fromArray(S512, acc, o + 88);
        DoubleVector c30 = DoubleVector.fromArray(S512, acc, o + 96);
        DoubleVector c31 = DoubleVector.fromArray(S512, acc, o + 104);
        DoubleVector c32 = DoubleVector.fromArray(S512, acc, o + 112);
        DoubleVector c33 = DoubleVector.fromArray(S512, acc, o + 120);
        for (int k = k0; k < k1; k += LANES) {
            DoubleVector y0 = DoubleVector.fromArray(S512, x, b0 + k);
            DoubleVector y1 = DoubleVector.fromArray(S512, x, b1 + k);
            DoubleVector y2 = DoubleVector.fromArray(S512, x, b2 + k);
            DoubleVector y3 = DoubleVector.fromArray(S512, x, b3 + k);
            DoubleVector v = DoubleVector.fromArray(S512, x, a0 + k);
            c00 = v.fma(y0, c00);
            c01 = v.fma(y1, c01);
            c02 = v.fma(y2, c02);
            c03 = v.fma(y3, c03);
            v = DoubleVector.fromArray(S512, x, a1 + k);
            c10 = v.fma(y0, c10);
            c11 = v.fma(y1, c11);
            c12 = v.fma(y2, c12);
            c13 = v.fma(y3, c13);
            v = DoubleVector.fromArray(S512, x, a2 + k);
            c20 = v.fma(y0, c20);
            c21 = v.fma(y1, c21);
            c22 = v.fma(y2, c22);
            c23 = v.fma(y3, c23);
            v = DoubleVector.fromArray(S512, x, a3 + k);
            c30 = v.fma(y0, c30);
            c31 = v.fma(y1, c31);
            c32 = v.fma(y2, c32);
            c33 = v.fma(y3, c33);
        }
        c00.intoArray(acc, o);
        c01.intoArray(acc, o + 8);
        c02.intoArray(acc, o + 16);
        c03.intoArray(acc, o + 24);
        c10.intoArray(acc, o + 32);
        c11.intoArray(acc, o + 40);
        c12.intoArray(acc, o + 48);
        c13.intoArray(acc, o + 56);
        c20.intoArray(acc, o + 64);
        c21.intoArray(acc, o + 72);
        c22.intoArray(acc, o + 80);
        c23.intoArray(acc, o + 88);
        c30.intoArray(acc, o + 96);
        c31.intoArray(acc, o + 104);
        c32.intoArray(acc, o + 112);
        c33.intoArray(acc, o + 120);
    }

    /** 2×2 rows at (i0, j0), accumulators at {@code o} laid out as in a 4×4 tile (row stride 4 × 8 lanes). */
    private static void tile256(double[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o) {
        int a0 = i0 * dp, a1 = a0 + dp;
        int b0 = j0 * dp, b1 = b0 + dp;
        int r = TILE * LANES;
        DoubleVector l00 = DoubleVector.fromArray(S256, acc, o);
        DoubleVector h00 = DoubleVector.fromArray(S256, acc, o + 4);
        DoubleVector l01 = DoubleVector.fromArray(S256, acc, o + LANES);
        DoubleVector h01 = DoubleVector.fromArray(S256, acc, o + LANES + 4);
        DoubleVector l10 = DoubleVector.fromArray(S256, acc, o + r);
        DoubleVector h10 = DoubleVector.fromArray(S256, acc, o + r + 4);
        DoubleVector l11 = DoubleVector.fromArray(S256, acc, o + r + LANES);
        DoubleVector h11 = DoubleVector.fromArray(S256, acc, o + r + LANES + 4);
        for (int k = k0; k < k1; k += LANES) {
            DoubleVector y0l = DoubleVector.fromArray(S256, x, b0 + k);
            DoubleVector y0h = DoubleVector.fromArray(S256, x, b0 + k + 4);
            DoubleVector y1l = DoubleVector.fromArray(S256, x, b1 + k);
            DoubleVector y1h = DoubleVector.fromArray(S256, x, b1 + k + 4);
            DoubleVector vl = DoubleVector.fromArray(S256, x, a0 + k);
            DoubleVector vh = DoubleVector.fromArray(S256, x, a0 + k + 4);
            l00 = vl.fma(y0l, l00);
            h00 = vh.fma(y0h, h00);
            l01 = vl.fma(y1l, l01);
            h01 = vh.fma(y1h, h01);
            vl = DoubleVector.fromArray(S256, x, a1 + k);
            vh = DoubleVector.fromArray(S256, x, a1 + k + 4);
            l10 = vl.fma(y0l, l10);
            h10 = vh.fma(y0h, h10);
            l11 = vl.fma(y1l, l11);
            h11 = vh.fma(y1h, h11);
        }
        l00.intoArray(acc, o);
        h00.intoArray(acc, o + 4);
        l01.intoArray(acc, o + LANES);
        h01.intoArray(acc, o + LANES + 4);
        l10.intoArray(acc, o + r);
        h10.intoArray(acc, o + r + 4);
        l11.intoArray(acc, o + r + LANES);
        h11.intoArray(acc, o + r + LANES + 4);
    }
}
