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

    /** Rows per tile side; also the rows of one packed group (see {@link #packedIndex}). */
    int TILE = 3;

    /** Double sums per tile. */
    int TILE_SUMS = TILE * TILE * SUMS;

    /** Floats of the scratch a tile's panel sums pass through on their way to double. */
    int TILE_FLOATS = TILE * TILE * LANES;

    /**
     * Floats before the first packed row. HotSpot's float arrays start 16 bytes after the object, and G1 puts a
     * large array (a humongous object) at the start of a region, so 4 floats of lead make every 8-float chunk of
     * a large packed array 32-byte aligned: no vector load straddles two cache lines (without it half of them do).
     * Measured on a loaded machine, tile in L1: 34-47 GFLOP/s per core split, 33-52 aligned (better in 6 of 8
     * rounds); in the whole kernel within the noise. It costs nothing, and the results do not depend on it.
     */
    int PACK_LEAD = 4;

    /**
     * Where column {@code k} of row {@code r} lies in the packed rows (row length {@code dp}, a multiple of
     * {@link #LANES}): rows in groups of {@link #TILE}, each group stored as 8-column chunks of its rows one after
     * the other ({@code [group][k / 8][row in group][k % 8]}), so that a tile reads two sequential streams, one
     * per side, instead of six rows {@code dp} apart.
     */
    static int packedIndex(int r, int k, int dp) {
        return PACK_LEAD + r / TILE * TILE * dp + k / LANES * (TILE * LANES) + r % TILE * LANES + k % LANES;
    }

    /**
     * Continues the double sums of the tile of rows {@code i0..i0+2} × {@code j0..j0+2} ({@code i0}, {@code j0}
     * multiples of {@link #TILE}) of the packed rows {@code x} (see {@link #packedIndex}) over columns
     * {@code k0 ≤ k < k1}: {@code k0} a multiple of {@link #PANEL}, {@code k1} a multiple of {@link #PANEL} or
     * {@code dp}. The sums of {@code <x_{i0+a}, x_{j0+b}>} live in {@code acc[o + (a*TILE + b)*SUMS + l]}. Panels
     * never straddle a call, so cache blocking over k at panel boundaries keeps the canonical result.
     * {@code scratch} holds at least {@link #TILE_FLOATS} floats (its contents are not used across calls; passed in
     * so that no call allocates).
     */
    void tile(float[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o, float[] scratch);

    /** Short description for run summaries. */
    String describe();

    /** Combines the four double sums starting at {@code o} in the canonical order. */
    static double combine(double[] s, int o) {
        return (s[o] + s[o + 1]) + (s[o + 2] + s[o + 3]);
    }

    /**
     * Rounds {@code n} up to a multiple of {@code 2 *} {@link #LANES}, so that every panel has an even number of
     * 8-column chunks (the SIMD loop takes two per step). The padding is zeros: {@code fma(0, 0, f) = f}, so the
     * padded columns leave every partial sum's bits unchanged (a partial sum is never −0).
     */
    static int padded(int n) {
        return (n + 2 * LANES - 1) / (2 * LANES) * (2 * LANES);
    }
}
