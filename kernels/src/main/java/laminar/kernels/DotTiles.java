package laminar.kernels;

/**
 * Dot products of row pairs in laminar's canonical reduction order, so that every engine (scalar or SIMD) and every
 * thread count gives the same bits.
 *
 * <p>Rows are float32, zero-padded to a multiple of {@link #LANES}. The canonical order for {@code <x, y>}: the
 * columns are cut into panels of {@link #PANEL}; within a panel, float partial sum {@code f_l} (0 ≤ l < 8) starts at
 * 0 and takes {@code f_l = fma(x[k], y[k], f_l)} (float32, one rounding) for {@code k ≡ l (mod 8)} in increasing k;
 * at the end of each panel the double sums take {@code D_l += (double) f_l + (double) f_{l+4}} (0 ≤ l < 4), and the
 * dot product is {@code (D_0 + D_1) + (D_2 + D_3)}.
 *
 * <p><b>Why this is accurate.</b> Each float partial sum adds at most {@code PANEL / LANES = 16} exact products,
 * so its rounding error is at most {@code 16 u Σ|x_k y_k|} over its terms (u = 2^-24, the recursive-summation
 * bound); summed over all partial sums and panels that is at most {@code 16 u Σ_k |x_k y_k| ≤ 16 u |x| |y|}
 * (Cauchy–Schwarz). Divided by {@code |x| |y|} (computed in double), a cosine is off by at most 16 u = 9.54e-7
 * before it is rounded to float32, whatever the dimension, the offset or the angle of the rows; the double sums
 * add only ~1e-16. The float32 products run at twice the SIMD width of doubles.
 */
interface DotTiles {

    /** Number of interleaved float partial sums (one 256-bit float vector). */
    int LANES = 8;

    /** Columns per float panel: 16 products per partial sum, the error bound above. */
    int PANEL = 128;

    /** Double sums per row pair (lanes l and l + 4 of each panel are added into sum l). */
    int SUMS = 4;

    /** Rows per tile on the i side. */
    int TILE_I = 4;

    /** Rows per tile on the j side. */
    int TILE_J = 3;

    /** Double sums per tile. */
    int TILE_SUMS = TILE_I * TILE_J * SUMS;

    /** Floats of the scratch a tile's panel sums pass through on their way to double. */
    int TILE_FLOATS = TILE_I * TILE_J * LANES;

    /**
     * Continues the double sums of the tile of rows {@code i0..i0+3} × {@code j0..j0+2} of {@code x} (row stride
     * {@code dp}) over columns {@code k0 ≤ k < k1}: {@code k0} a multiple of {@link #PANEL}, {@code k1} a multiple
     * of {@link #PANEL} or {@code dp}. The sums of {@code <x_{i0+a}, x_{j0+b}>} live in
     * {@code acc[o + (a*TILE_J + b)*SUMS + l]}. Panels never straddle a call, so cache blocking over k at panel
     * boundaries keeps the canonical result. {@code scratch} holds at least {@link #TILE_FLOATS} floats (its contents
     * are not used across calls; passed in so that no call allocates).
     */
    void tile(float[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o, float[] scratch);

    /** Short description for run summaries. */
    String describe();

    /** Combines the four double sums starting at {@code o} in the canonical order. */
    static double combine(double[] s, int o) {
        return (s[o] + s[o + 1]) + (s[o + 2] + s[o + 3]);
    }

    /** Rounds {@code n} up to a multiple of {@link #LANES}. */
    static int padded(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }

    /**
     * {@code |x|²} of one row in double: eight partial sums of exact products, {@code s_{k mod 8} += x_k²} in
     * increasing k, combined {@code ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7))}; relative error ~d·2^-53.
     */
    static double squaredNorm(float[] x, int off, int dp) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int k = off; k < off + dp; k += LANES) {
            double v0 = x[k], v1 = x[k + 1], v2 = x[k + 2], v3 = x[k + 3];
            double v4 = x[k + 4], v5 = x[k + 5], v6 = x[k + 6], v7 = x[k + 7];
            s0 += v0 * v0;
            s1 += v1 * v1;
            s2 += v2 * v2;
            s3 += v3 * v3;
            s4 += v4 * v4;
            s5 += v5 * v5;
            s6 += v6 * v6;
            s7 += v7 * v7;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
