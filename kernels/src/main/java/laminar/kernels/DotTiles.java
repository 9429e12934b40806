package laminar.kernels;

/**
 * Dot products of row pairs in laminar's canonical reduction order, so that every engine (scalar, 256- or
 * 512-bit SIMD) and every thread count gives the same bits.
 *
 * <p>Rows are float32 values widened to double and zero-padded to a multiple of {@link #LANES}. Products of two
 * widened floats are exact in double, so a fused multiply-add and a multiply followed by an add round the same.
 * The canonical order: partial sum {@code l} (0 ≤ l < 8) accumulates {@code x[k]·y[k]} for {@code k ≡ l (mod 8)} in
 * increasing {@code k}; the eight partials are combined as {@code ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7))}.
 */
interface DotTiles {

    /** Number of interleaved partial sums in the canonical order. */
    int LANES = 8;

    /** Rows per side of a tile. */
    int TILE = 4;

    /**
     * Continues the partial sums of the 4×4 tile of rows {@code i0..i0+3} × {@code j0..j0+3} of {@code x} (row
     * stride {@code dp}) over columns {@code k0 ≤ k < k1} (multiples of 8): partial sum l of
     * {@code <x_{i0+a}, x_{j0+b}>} lives in {@code acc[o + (a*4+b)*8 + l]}. Splitting k into ranges does not change
     * the order of the additions, so cache blocking over k keeps the canonical result.
     */
    void tile(double[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o);

    /** Continues the eight partial sums of one row pair over {@code k0 ≤ k < k1} in {@code acc[o..o+8)}. */
    void pair(double[] x, int dp, int i, int j, int k0, int k1, double[] acc, int o);

    /** Short description for run summaries. */
    String describe();

    /** Combines the eight partial sums starting at {@code o} in the canonical order. */
    static double combine(double[] s, int o) {
        return ((s[o] + s[o + 1]) + (s[o + 2] + s[o + 3])) + ((s[o + 4] + s[o + 5]) + (s[o + 6] + s[o + 7]));
    }

    /** Rounds {@code n} up to a multiple of {@link #LANES}. */
    static int padded(int n) {
        return (n + LANES - 1) / LANES * LANES;
    }
}
