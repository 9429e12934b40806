package laminar.kernels;

/**
 * The inner loops of the permutation and bootstrap kernels ({@link ResamplingKernels}): label-matched, weighted and
 * gathered sums over a column range {@code [from, to)} of one matrix row, in float32 with double panel sums, in one
 * canonical order so that every engine (plain Java or the JDK Vector API) gives the same bits.
 *
 * <p><b>Canonical order.</b> The range is cut into vectors of {@link #LANES} columns starting at {@code from}; a
 * sum has K interleaved sets of partials (K = {@link #MATCHED_SETS} for {@link #matched}, 1 otherwise: independent
 * chains hide the latency of the adds; the other methods get them from several sums per pass), and each run
 * of at most {@code K·}{@link #STEPS} vectors is a panel. In a panel, vector j goes to set k = j mod K, where float partial
 * sum {@code f^k_l} of lane l starts at 0 and takes the terms of its columns in increasing order, each with one float
 * rounding (an add of an exact term, or a fused multiply-add); at the panel end the double lane sums take
 * {@code D_l += (double) f^k_l + (double) f^k_{l+4}} (0 ≤ l &lt; 4) for k = 0, 1, ... in turn. The last {@code (to − from) mod 8} columns go to a
 * double tail sum {@code T}, in increasing column order. {@code D} and {@code T} live in a caller's scratch
 * ({@link #SLOTS} doubles per sum: D_0..D_3, T) and carry on over calls; the caller ends a sum with
 * {@link #total}: {@code ((D_0 + D_1) + (D_2 + D_3)) + T}.
 *
 * <p><b>Accuracy.</b> With u = 2^-24: a term is exact (a masked value), or its product is exact inside a fused
 * multiply-add, or (a resample weight times a value, then a product with the value again) it has one float rounding
 * of its own. A float partial sum of at most 16 terms (STEPS) adds at most 16 roundings; so every term reaches the double
 * sums with a relative error of at most 17u (the recursive-summation bound, γ_17 = 17u/(1 − 17u)). After that a
 * term goes through at most N double additions (the lane and tail sums carry on over all rows: N ≤ n·(n/128 + 16)
 * + 3 ≈ 1.75e7 at n = 46,340), which multiply it by at most (1 + 2^-53)^N: less than 1 + 2^-28 (N·2^-53 ≈ 1.9e-9,
 * 2^-28 ≈ 3.7e-9, so the margin also covers γ_17 − 17u). Hence every
 * output S of the kernels satisfies {@code |Ŝ − S| ≤ BOUND · Σ|terms|} with {@link #BOUND} = 17·2^-24 + 2^-28
 * ≈ 1.017e-6, whatever the values, their signs or n (as long as no float partial overflows: |values| &lt; 1e15,
 * as cosines, Fisher-z values and ranks are). Σ|terms| is the same sum of the absolute values of the inputs.
 *
 * <p><b>Ties.</b> The order depends only on the row, the column range and which columns are masked in, never on the
 * draw's index, its label values or how many draws a call holds: two relabellings that induce the same partition
 * of the words give bit-identical within sums, and the observed statistic (its own call) ties with them.
 */
interface RowDots {

    /** Float lanes (one 256-bit vector). */
    int LANES = 8;

    /** Vectors per panel: at most 16 terms per float partial sum. */
    int STEPS = 16;

    /** Interleaved partial sets of {@link #matched} (4 sums × 2 sets = 8 accumulators). */
    int MATCHED_SETS = 2;

    /** Doubles of scratch per sum: four lane sums and the tail sum. */
    int SLOTS = 5;

    /** The proven relative bound (see the class comment), relative to the sum of the terms' absolute values. */
    double BOUND = 17 * 0x1p-24 + 0x1p-28;

    /**
     * Label-matched sums of one matrix row for one relabelling (K = {@link #MATCHED_SETS}; the order of the masked
     * sums this replaced, so the bits did not change), with the labels compared instead of a mask array:
     * for v in [from, to) with {@code labels[v] == label}, the sums of x, x², z, z² ({@code x = xs[row+v]},
     * {@code z = zs[row+v]}) into the four sums at {@code acc[o]}, {@code acc[o + SLOTS]}, ... (x, x², z, z²).
     * {@code scratch}: at least {@link #SCRATCH_FLOATS} floats the engine may overwrite (the caller's, one per thread:
     * short rows make the calls many, too many for an allocation or a thread-local look-up each).
     */
    void matched(int[] labels, int label, float[] xs, float[] zs, int row, int from, int to, double[] acc, int o,
                 float[] scratch);

    /** Floats of scratch {@link #matched} needs. */
    int SCRATCH_FLOATS = 8 * LANES;

    /** {@code Σ w[wo+v]·p[po+v]} into the sum at {@code acc[o]}. */

    /**
     * Gathered products: {@code Σ a0[a0o+v]·row[ro+idx[io+v]]} into the sum at {@code acc[o]} and, when {@code a1} is
     * not null, {@code Σ a1[a1o+v]·row[ro+idx[io+v]]} into the sum at {@code acc[o + SLOTS]}.
     */
    void gathered(float[] row, int ro, int[] idx, int io, float[] a0, int a0o, float[] a1, int a1o, int from, int to,
                  double[] acc, int o);

    /**
     * Gathered products of two rows at once: {@code rows[ro+w]} packs row 0's float at w in its low 32 bits and row
     * 1's in its high 32 bits ({@link #interleave}); with {@code g0}, {@code g1} the two floats at
     * {@code w = idx[io+v]}, the sums {@code Σ a0·g0}, {@code Σ a1·g0}, {@code Σ a0·g1}, {@code Σ a1·g1} into the
     * sums at {@code acc[o]}, {@code acc[o + SLOTS]}, {@code acc[o + 2·SLOTS]}, {@code acc[o + 3·SLOTS]}. Each sum
     * has the order of {@link #gathered} (the same bits as a gathered call over the unpacked row); one 64-bit gather
     * brings both rows' values.
     */
    void gatheredPairs(long[] rows, int ro, int[] idx, int io, float[] a0, int a0o, float[] a1, int a1o, int from,
                       int to, double[] acc, int o);

    /** {@code into[io+v]} = the bits of {@code low[lo+v]} (low half), {@code high[ho+v]} (high half), v &lt; count. */
    void interleave(float[] low, int lo, float[] high, int ho, long[] into, int io, int count);

    /** Weight rows per call of {@link #dots8}. */
    int DOTS = 8;

    /**
     * Weighted moments of two rows under one or two weight rows (the bootstrap sums): with {@code x = xs[xo+v]},
     * {@code z = zs[zo+v]} and {@code w = ws[w0+v]} (small integers, exact), the sums of w·x, (w·x)·x, w·z, (w·z)·z
     * over v in [from, to) into the four sums at {@code acc[o0]}, {@code acc[o0 + SLOTS]}, ...; when {@code w1 >= 0},
     * the same with {@code w = ws[w1+v]} into the four sums at {@code acc[o1]} on. One set of partials per sum
     * (K = 1): the two weight rows give the independent chains. Each sum's bits do not depend on whether it was
     * computed alone or with a second weight row.
     */
    void moments(float[] ws, int w0, int w1, float[] xs, int xo, float[] zs, int zo, int from, int to, double[] acc,
                 int o0, int o1);

    /**
     * {@link #DOTS} dots with one row: {@code Σ w[wo[j]+v]·p[po+v]} over v in [from, to) into the sum at
     * {@code acc[o + j·SLOTS]} for j &lt; DOTS. One set of partials per sum (K = 1): the weight rows give the
     * independent chains. Each sum's bits depend only on its own weight row, not on the others in the call.
     */
    void dots8(float[] w, int[] wo, float[] p, int po, int from, int to, double[] acc, int o);

    /**
     * The elementwise products {@code out[v] = a[ao+v]·b[bo+v]} (one float rounding each, so every engine gives the
     * same bits) for v in [from, to): the product row of the bootstrap cross sums.
     */
    void products(float[] a, int ao, float[] b, int bo, float[] out, int from, int to);

    /** A sum's value from its scratch, in the canonical order. */
    static double total(double[] acc, int o) {
        return ((acc[o] + acc[o + 1]) + (acc[o + 2] + acc[o + 3])) + acc[o + 4];
    }

    /** Short description for run summaries. */
    String describe();

    /** The engine this JVM allows: the Vector API when its module is present (and not disabled), else scalar. */
    static RowDots best() {
        boolean allowed = !"false".equalsIgnoreCase(System.getProperty(JavaKernels.SIMD_PROPERTY, "true"));
        if (allowed && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            RowDots v = VectorRowDots.forThisCpu();
            if (v != null) {
                return v;
            }
        }
        return new ScalarRowDots();
    }
}
