package laminar.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

import java.util.stream.IntStream;

/**
 * {@link TripleResampling} on the host with the triples in the SIMD lanes: the values of one word pair (u, v) for
 * four triples sit next to each other, so that one index (a permuted column, a matching word, a resampled word) brings
 * 24 values in three 256-bit loads, where the single-call kernels ({@link ResamplingKernels}) gather or mask every
 * matrix's value on its own.
 *
 * <p><b>Layout.</b> Triples go in groups of {@link #GROUP} (the last one padded with zeros). Per group and pair (u, v),
 * full square (both triangles, so that a permuted row is one row): {@code xs[(u·n + v)·8 ..]} = cos of Q of the four
 * triples, then cos of K; {@code ys[(u·n + v)·16 ..]} = cos of V, z of Q, then z of K, z of V. Lane l of a half is
 * triple {@code 4g + l}. Every lane is one output sum of its own: nothing is ever added across lanes.
 *
 * <p><b>Order and accuracy.</b> Each sum is a row sum per word u (its terms in increasing column order, float partials
 * of at most {@link RowDots#STEPS} terms widened into double lane sums), the row sums taken in a fixed order of the
 * rows; a term is exact (a value, or a product inside a fused multiply-add) or has one float rounding of its own (a
 * square or a product, times a whole-number weight inside a fused multiply-add). So the proof of {@link RowDots}
 * applies (γ_17 per term, then fewer than n·(n/16 + 2) double additions): every sum is within {@link RowDots#BOUND}
 * of the exact one relative to Σ|terms|. The order differs from the single calls', so the bits do too.
 * <ul>
 *   <li><b>Within sums</b> (relabelling q): row u, for u = 0..n−2, over the words v &gt; u that share u's label, in
 *   increasing v (a list per label and relabelling: only the matching words are read). The order depends only on the
 *   partition the labels induce: relabellings with the same partition, and the observed labels, tie exactly.</li>
 *   <li><b>Mantel cross sums</b> (permutation π): row u of A against row r = π(u) of B gathered at π(v), v &gt; u;
 *   the rows taken in B's order r = 0..n−1 (the identity: A's order). B's row, K's and V's cosines packed side by
 *   side, is made once per block of {@link #PERMUTATIONS} permutations; {@code (cosQ, cosK)_uv · (cosK, cosV)'} gives
 *   QK and KV, {@code (cosQ, cosK)_uv · (cosV, cosK)'} gives QV. Two interleaved partial sets (even and odd v); a
 *   row's double lane sums start at 0 and are added to the output's after the row.</li>
 *   <li><b>Bootstrap sums</b> (word counts c): row u (c_u &gt; 0), over the words v &gt; u with c_v &gt; 0 in u's
 *   category, then in each other category (codes increasing), each in increasing v: terms c_v·x, c_v·x², and for the
 *   RSA c_v·cosA·cosB; the within and across row sums are multiplied by c_u in double and added to the outputs in
 *   increasing u.</li>
 * </ul>
 *
 * <p><b>Threads.</b> Work is split over groups × blocks of draws; every output is summed by one task in the order
 * above, so results do not depend on the thread count.
 *
 * <p><b>Memory.</b> 96 bytes per word pair and group of four triples (384 MB at n = 2,000): about the batch's own
 * cosine and Fisher-z matrices of four triples. Used for at least {@link ResamplingKernels#SCALAR_BELOW} words (below,
 * the single calls' plain-Java engine costs less than warming up this code) up to {@link #MAX_WORDS} (int indices).
 */
final class LaneTriples implements TripleResampling {

    /** Triples per group: four lanes of each half of a 256-bit vector. */
    static final int GROUP = TripleResampling.GROUP;

    /** Largest n whose layout an int index covers (n² · 16 floats ≤ 2^31 − 1). */
    static final int MAX_WORDS = 11_585;

    /** Relabellings per within-sums task: their lists (n ints each) stay in L2 beside the row. */
    static final int RELABELLINGS = 32;

    /** Permutations per Mantel task: B's row (n · 96 bytes) is read once per block. */
    static final int PERMUTATIONS = 16;

    /** Resamples per bootstrap task. */
    static final int RESAMPLES = 32;

    private static final int XW = 8;
    private static final int YW = 16;
    private static final int STEPS = RowDots.STEPS;

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_256;
    /** The two halves exchanged: (Q, K) → (K, Q). */
    private static final VectorShuffle<Float> SWAP = VectorShuffle.fromValues(F, 4, 5, 6, 7, 0, 1, 2, 3);
    /** The low half in both halves: (V, z of Q) → (V, V). */
    private static final VectorShuffle<Float> LOW_TWICE = VectorShuffle.fromValues(F, 0, 1, 2, 3, 0, 1, 2, 3);

    private final int triples;
    private final int n;
    private final float[][] xs;
    private final float[][] ys;

    private LaneTriples(int triples, int n, float[][] xs, float[][] ys) {
        this.triples = triples;
        this.n = n;
        this.xs = xs;
        this.ys = ys;
    }

    /** Bytes of the layout of a batch: 96 per word pair and group of four triples. */
    static long bytes(int triples, int n) {
        return (long) (triples + GROUP - 1) / GROUP * n * n * (XW + YW) * Float.BYTES;
    }

    /** The layout of {@code cos}, {@code z} ({@code [3·triples][n][n]} each), 2 ≤ n ≤ {@link #MAX_WORDS}. */
    static LaneTriples of(float[] cos, float[] z, int triples, int n) {
        Checks.triples(cos, z, triples, n);
        if (n > MAX_WORDS) {
            throw new IllegalArgumentException("n = " + n + " is over " + MAX_WORDS + " words; use the single calls");
        }
        int groups = (triples + GROUP - 1) / GROUP;
        float[][] xs = new float[groups][];
        float[][] ys = new float[groups][];
        long nn = (long) n * n;
        for (int g = 0; g < groups; g++) {
            float[] x = new float[(int) (nn * XW)];
            float[] y = new float[(int) (nn * YW)];
            int g0 = g;
            IntStream.range(0, n).parallel().forEach(u -> fill(cos, z, triples, n, g0, u, x, y));
            xs[g] = x;
            ys[g] = y;
        }
        return new LaneTriples(triples, n, xs, ys);
    }

    /** Row u of group g's layout. */
    private static void fill(float[] cos, float[] z, int triples, int n, int g, int u, float[] x, float[] y) {
        long nn = (long) n * n;
        for (int l = 0; l < GROUP && GROUP * g + l < triples; l++) {
            int c = GROUP * g + l;
            int q = (int) ((3L * c) * nn + (long) u * n);
            int k = (int) ((3L * c + 1) * nn + (long) u * n);
            int v = (int) ((3L * c + 2) * nn + (long) u * n);
            int xo = u * n * XW + l;
            int yo = u * n * YW + l;
            for (int w = 0; w < n; w++) {
                x[xo] = cos[q + w];
                x[xo + 4] = cos[k + w];
                y[yo] = cos[v + w];
                y[yo + 4] = z[q + w];
                y[yo + 8] = z[k + w];
                y[yo + 12] = z[v + w];
                xo += XW;
                yo += YW;
            }
        }
    }

    @Override
    public int triples() {
        return triples;
    }

    @Override
    public int n() {
        return n;
    }

    private int groups() {
        return xs.length;
    }

    // ---- within sums ----

    @Override
    public double[] permutedWithinSums(int[] labels, int p) {
        Checks.nonNegative("p", p);
        int[] codes = ResamplingKernels.labelIndex(labels, (long) p * n, "labels", "[p][n]");
        int kinds = distinct(codes);
        double[] out = new double[3 * triples * p * 4];
        int blocks = (p + RELABELLINGS - 1) / RELABELLINGS;
        IntStream.range(0, groups() * blocks).parallel().forEach(t -> {
            int q0 = (t % blocks) * RELABELLINGS;
            withinTask(t / blocks, q0, Math.min(p, q0 + RELABELLINGS), codes, kinds, p, out);
        });
        return out;
    }

    /** Lane sums per draw: 6 vectors (cos, z values in three vectors, then their squares) × 8 lanes. */
    private static final int WITHIN = 6 * 8;

    /**
     * Where matrix k (Q, K, V) of lane 0's triple finds its cos, cos², z, z² sums among a draw's lane sums (add the
     * lane l): vectors 0 (cos Q | cos K), 1 (cos V | z Q), 2 (z K | z V), then 3..5 their squares, 8 lanes each.
     */
    private static final int[][] SUM_LANES = {{0, 24, 12, 36}, {4, 28, 16, 40}, {8, 32, 20, 44}};

    private void withinTask(int g, int q0, int q1, int[] codes, int kinds, int p, double[] out) {
        int qs = q1 - q0;
        Lists lists = Lists.of(codes, null, q0, q1, n, kinds);
        double[] acc = new double[qs * WITHIN];
        float[] f = new float[64];
        float[] x = xs[g];
        float[] y = ys[g];
        for (int u = 0; u < n - 1; u++) {
            int xr = u * n * XW;
            int yr = u * n * YW;
            for (int q = 0; q < qs; q++) {
                int c = codes[(q0 + q) * n + u];
                int from = lists.after(q, c, u);
                int to = lists.end(q, c);
                if (from < to) {
                    withinRow(x, y, xr, yr, lists.words(), from, to, acc, q * WITHIN, f);
                }
            }
        }
        for (int q = 0; q < qs; q++) {
            for (int l = 0; l < GROUP && GROUP * g + l < triples; l++) {
                int c = GROUP * g + l;
                int a = q * WITHIN + l;
                for (int k = 0; k < 3; k++) {
                    int o = ((3 * c + k) * p + q0 + q) * 4;
                    for (int s = 0; s < 4; s++) {
                        out[o + s] = acc[a + SUM_LANES[k][s]];
                    }
                }
            }
        }
    }

    /** Row u's sums over the words {@code words[from..to)} (increasing), in panels of STEPS terms. */
    private static void withinRow(float[] x, float[] y, int xr, int yr, int[] words, int from, int to, double[] acc,
                                  int o, float[] f) {
        // One loop with the panel end behind a counter, and no vector passed to a call: a nested panel loop or a
        // vector argument (boxed where C2 does not inline) made this loop several times slower
        FloatVector zero = FloatVector.zero(F);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector s0 = zero;
        FloatVector s1 = zero;
        FloatVector s2 = zero;
        int j = 0;
        for (int t = from; t < to; t++) {
            int w = words[t];
            FloatVector v0 = FloatVector.fromArray(F, x, xr + w * XW);
            FloatVector v1 = FloatVector.fromArray(F, y, yr + w * YW);
            FloatVector v2 = FloatVector.fromArray(F, y, yr + w * YW + 8);
            a0 = a0.add(v0);
            a1 = a1.add(v1);
            a2 = a2.add(v2);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
            s2 = v2.fma(v2, s2);
            if (++j == STEPS || t == to - 1) {
                j = 0;
                a0.intoArray(f, 0);
                a1.intoArray(f, 8);
                a2.intoArray(f, 16);
                s0.intoArray(f, 24);
                s1.intoArray(f, 32);
                s2.intoArray(f, 40);
                widen(f, 6, acc, o);
                a0 = zero;
                a1 = zero;
                a2 = zero;
                s0 = zero;
                s1 = zero;
                s2 = zero;
            }
        }
    }

    // ---- Mantel cross sums ----

    @Override
    public double[] permutedCrossSums(int[] perms, int p) {
        Checks.nonNegative("p", p);
        Checks.permutations(perms, p, n);
        double[] out = new double[3 * triples * p];
        int blocks = (p + PERMUTATIONS - 1) / PERMUTATIONS;
        IntStream.range(0, groups() * blocks).parallel().forEach(t -> {
            int q0 = (t % blocks) * PERMUTATIONS;
            mantelTask(t / blocks, q0, Math.min(p, q0 + PERMUTATIONS), perms, p, out);
        });
        return out;
    }

    /** Lane sums per permutation: (QK, KV) in the halves of the first vector, QV in the low half of the second. */
    private static final int MANTEL = 16;

    private void mantelTask(int g, int q0, int q1, int[] perms, int p, double[] out) {
        int qs = q1 - q0;
        int[] inverse = new int[qs * n];
        for (int q = 0; q < qs; q++) {
            for (int v = 0; v < n; v++) {
                inverse[q * n + perms[(q0 + q) * n + v]] = v;
            }
        }
        double[] acc = new double[qs * MANTEL];
        float[] x = xs[g];
        float[] y = ys[g];
        float[] b = new float[n * XW];
        for (int r = 0; r < n; r++) {
            // row r of K and V packed (K's cos in the low half, V's in the high), read by the block's permutations
            int br = r * n * XW;
            int yr = r * n * YW;
            for (int w = 0; w < n; w++) {
                System.arraycopy(x, br + w * XW + 4, b, w * XW, 4);
                System.arraycopy(y, yr + w * YW, b, w * XW + 4, 4);
            }
            for (int q = 0; q < qs; q++) {
                int u = inverse[q * n + r];
                if (u < n - 1) {
                    mantelRow(x, b, u * n * XW, perms, (q0 + q) * n, u + 1, n, acc, q * MANTEL);
                }
            }
        }
        for (int q = 0; q < qs; q++) {
            for (int l = 0; l < GROUP && GROUP * g + l < triples; l++) {
                int c = GROUP * g + l;
                int a = q * MANTEL;
                out[(3 * c) * p + q0 + q] = acc[a + l];
                out[(3 * c + 1) * p + q0 + q] = acc[a + 8 + l];
                out[(3 * c + 2) * p + q0 + q] = acc[a + 4 + l];
            }
        }
    }

    /**
     * Row u of A (at {@code ar}: cos of Q and K) against B's packed row {@code b} (cos of K and V of row r) gathered at
     * π(v), v in [from, to): {@code (Q, K)·(K', V')} gives QK and KV, {@code (Q, K)·(V', K')} QV; two partial sets, v −
     * from even in set 0, odd in set 1, STEPS terms per partial.
     */
    private static void mantelRow(float[] x, float[] b, int ar, int[] perm, int po, int from, int to, double[] acc,
                                  int o) {
        // The row's double lane sums stay in registers (4 float + 4 double accumulators): a panel end widens in
        // registers (the high half moved down first) instead of a store and reload, ~15 % of this loop's time
        FloatVector zero = FloatVector.zero(F);
        DoubleVector none = DoubleVector.zero(D);
        FloatVector k0 = zero;
        FloatVector k1 = zero;
        FloatVector w0 = zero;
        FloatVector w1 = zero;
        DoubleVector kl = none;
        DoubleVector kh = none;
        DoubleVector wl = none;
        DoubleVector wh = none;
        int j = 0;
        int v = from;
        int pairs = from + (to - from) / 2 * 2;
        for (; v < pairs; v += 2) {
            FloatVector a0 = FloatVector.fromArray(F, x, ar + v * XW);
            FloatVector b0 = FloatVector.fromArray(F, b, perm[po + v] * XW);
            FloatVector a1 = FloatVector.fromArray(F, x, ar + (v + 1) * XW);
            FloatVector b1 = FloatVector.fromArray(F, b, perm[po + v + 1] * XW);
            k0 = a0.fma(b0, k0);
            w0 = a0.fma(b0.rearrange(SWAP), w0);
            k1 = a1.fma(b1, k1);
            w1 = a1.fma(b1.rearrange(SWAP), w1);
            if (++j == STEPS) {
                j = 0;
                kl = kl.add(k0.convertShape(VectorOperators.F2D, D, 0));
                kh = kh.add(k0.rearrange(SWAP).convertShape(VectorOperators.F2D, D, 0));
                wl = wl.add(w0.convertShape(VectorOperators.F2D, D, 0));
                wh = wh.add(w0.rearrange(SWAP).convertShape(VectorOperators.F2D, D, 0));
                kl = kl.add(k1.convertShape(VectorOperators.F2D, D, 0));
                kh = kh.add(k1.rearrange(SWAP).convertShape(VectorOperators.F2D, D, 0));
                wl = wl.add(w1.convertShape(VectorOperators.F2D, D, 0));
                wh = wh.add(w1.rearrange(SWAP).convertShape(VectorOperators.F2D, D, 0));
                k0 = zero;
                k1 = zero;
                w0 = zero;
                w1 = zero;
            }
        }
        if (v < to) { // the last column of an odd range: set 0
            FloatVector a0 = FloatVector.fromArray(F, x, ar + v * XW);
            FloatVector b0 = FloatVector.fromArray(F, b, perm[po + v] * XW);
            k0 = a0.fma(b0, k0);
            w0 = a0.fma(b0.rearrange(SWAP), w0);
        }
        // the last panel (zeros when the row ended on a panel end: adding +0 changes no sum)
        kl = kl.add(k0.convertShape(VectorOperators.F2D, D, 0));
        kh = kh.add(k0.rearrange(SWAP).convertShape(VectorOperators.F2D, D, 0));
        wl = wl.add(w0.convertShape(VectorOperators.F2D, D, 0));
        wh = wh.add(w0.rearrange(SWAP).convertShape(VectorOperators.F2D, D, 0));
        kl = kl.add(k1.convertShape(VectorOperators.F2D, D, 0));
        kh = kh.add(k1.rearrange(SWAP).convertShape(VectorOperators.F2D, D, 0));
        wl = wl.add(w1.convertShape(VectorOperators.F2D, D, 0));
        wh = wh.add(w1.rearrange(SWAP).convertShape(VectorOperators.F2D, D, 0));
        DoubleVector.fromArray(D, acc, o).add(kl).intoArray(acc, o);
        DoubleVector.fromArray(D, acc, o + 4).add(kh).intoArray(acc, o + 4);
        DoubleVector.fromArray(D, acc, o + 8).add(wl).intoArray(acc, o + 8);
        DoubleVector.fromArray(D, acc, o + 12).add(wh).intoArray(acc, o + 12);
    }

    // ---- bootstrap ----

    /** Lane sums per resample and kind (within, total): cos and z values, their squares, QK, then (QV, KV). */
    private static final int BOOT = 8 * 8;

    @Override
    public Bootstrap bootstrap(int[] category, double[] weights, int r) {
        Checks.nonNegative("r", r);
        int[] codes = ResamplingKernels.labelIndex(category, n, "category", "[n]");
        float[] counts = ResamplingKernels.counts(weights, r, n);
        int kinds = distinct(codes);
        double[] sums = new double[3 * triples * r * 8];
        double[] cross = new double[3 * triples * r];
        int blocks = (r + RESAMPLES - 1) / RESAMPLES;
        IntStream.range(0, groups() * blocks).parallel().forEach(t -> {
            int q0 = (t % blocks) * RESAMPLES;
            bootstrapTask(t / blocks, q0, Math.min(r, q0 + RESAMPLES), codes, kinds, counts, r, sums, cross);
        });
        return new Bootstrap(sums, cross);
    }

    private void bootstrapTask(int g, int q0, int q1, int[] codes, int kinds, float[] counts, int r, double[] sums,
                               double[] cross) {
        int qs = q1 - q0;
        Lists lists = Lists.of(codes, counts, q0, q1, n, kinds);
        double[] within = new double[qs * BOOT];
        double[] total = new double[qs * BOOT];
        double[] rowW = new double[BOOT];
        double[] rowA = new double[BOOT];
        float[] f = new float[64];
        float[] x = xs[g];
        float[] y = ys[g];
        for (int u = 0; u < n - 1; u++) {
            int xr = u * n * XW;
            int yr = u * n * YW;
            int own = codes[u];
            for (int q = 0; q < qs; q++) {
                double cu = counts[(q0 + q) * n + u];
                if (cu == 0) {
                    continue;
                }
                java.util.Arrays.fill(rowW, 0);
                java.util.Arrays.fill(rowA, 0);
                int from = lists.after(q, own, u);
                bootstrapRow(x, y, xr, yr, lists.words(), lists.weights(), from, lists.end(q, own), rowW, f);
                for (int c = 0; c < kinds; c++) {
                    if (c != own) {
                        int start = lists.after(q, c, u);
                        bootstrapRow(x, y, xr, yr, lists.words(), lists.weights(), start, lists.end(q, c), rowA, f);
                    }
                }
                int o = q * BOOT;
                for (int i = 0; i < BOOT; i++) {
                    within[o + i] += cu * rowW[i];
                    total[o + i] += cu * (rowW[i] + rowA[i]);
                }
            }
        }
        for (int q = 0; q < qs; q++) {
            for (int l = 0; l < GROUP && GROUP * g + l < triples; l++) {
                int c = GROUP * g + l;
                int a = q * BOOT + l;
                for (int k = 0; k < 3; k++) {
                    int so = ((3 * c + k) * r + q0 + q) * 8;
                    for (int s = 0; s < 4; s++) {
                        sums[so + s] = within[a + SUM_LANES[k][s]];
                        sums[so + 4 + s] = total[a + SUM_LANES[k][s]];
                    }
                }
                // vectors 6 (QK in both halves) and 7 (QV | KV)
                cross[(3 * c) * r + q0 + q] = total[a + 48];
                cross[(3 * c + 1) * r + q0 + q] = total[a + 56];
                cross[(3 * c + 2) * r + q0 + q] = total[a + 56 + 4];
            }
        }
    }

    /** Row u's weighted sums over {@code words[from..to)} (weights alongside), in panels of STEPS terms. */
    private static void bootstrapRow(float[] x, float[] y, int xr, int yr, int[] words, float[] ws, int from, int to,
                                     double[] acc, float[] f) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector a0 = zero;
        FloatVector a1 = zero;
        FloatVector a2 = zero;
        FloatVector s0 = zero;
        FloatVector s1 = zero;
        FloatVector s2 = zero;
        FloatVector qk = zero;
        FloatVector vv = zero;
        int j = 0;
        for (int t = from; t < to; t++) {
            int w = words[t];
            FloatVector c = FloatVector.broadcast(F, ws[t]);
            FloatVector v0 = FloatVector.fromArray(F, x, xr + w * XW);
            FloatVector v1 = FloatVector.fromArray(F, y, yr + w * YW);
            FloatVector v2 = FloatVector.fromArray(F, y, yr + w * YW + 8);
            a0 = v0.fma(c, a0);
            a1 = v1.fma(c, a1);
            a2 = v2.fma(c, a2);
            s0 = v0.mul(v0).fma(c, s0);
            s1 = v1.mul(v1).fma(c, s1);
            s2 = v2.mul(v2).fma(c, s2);
            qk = v0.mul(v0.rearrange(SWAP)).fma(c, qk);
            vv = v0.mul(v1.rearrange(LOW_TWICE)).fma(c, vv);
            if (++j == STEPS || t == to - 1) {
                j = 0;
                a0.intoArray(f, 0);
                a1.intoArray(f, 8);
                a2.intoArray(f, 16);
                s0.intoArray(f, 24);
                s1.intoArray(f, 32);
                s2.intoArray(f, 40);
                qk.intoArray(f, 48);
                vv.intoArray(f, 56);
                widen(f, 8, acc, 0);
                a0 = zero;
                a1 = zero;
                a2 = zero;
                s0 = zero;
                s1 = zero;
                s2 = zero;
                qk = zero;
                vv = zero;
            }
        }
    }

    // ---- shared ----

    /** {@code acc[o + 8s ..] += f[8s ..]} for s &lt; {@code count}, each lane widened to double. */
    private static void widen(float[] f, int count, double[] acc, int o) {
        widenFrom(f, 0, count, acc, o);
    }

    /** {@code acc[o + 8s ..] += f[from + 8s ..]} for s &lt; {@code count}, each lane widened to double. */
    private static void widenFrom(float[] f, int from, int count, double[] acc, int o) {
        for (int s = 0; s < count; s++) {
            int at = from + 8 * s;
            int t = o + 8 * s;
            DoubleVector lo = (DoubleVector) FloatVector.fromArray(F4, f, at).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector hi = (DoubleVector) FloatVector.fromArray(F4, f, at + 4).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector.fromArray(D, acc, t).add(lo).intoArray(acc, t);
            DoubleVector.fromArray(D, acc, t + 4).add(hi).intoArray(acc, t + 4);
        }
    }

    private static int distinct(int[] codes) {
        int most = -1;
        for (int c : codes) {
            most = Math.max(most, c);
        }
        return most + 1;
    }

    /**
     * Per draw of a block, its words grouped by code (increasing code, then increasing word), the words with weight 0
     * left out when there are weights; a cursor per draw and code moves past the words ≤ u as u grows.
     */
    private record Lists(int[] words, float[] weights, int[] start, int[] cursor, int kinds) {

        static Lists of(int[] codes, float[] counts, int q0, int q1, int n, int kinds) {
            int qs = q1 - q0;
            int[] words = new int[qs * n];
            float[] weights = counts == null ? null : new float[qs * n];
            int[] start = new int[qs * (kinds + 1)];
            int[] cursor = new int[qs * kinds];
            for (int q = 0; q < qs; q++) {
                int lab = counts == null ? (q0 + q) * n : 0; // bootstrap: one category vector for all
                int so = q * (kinds + 1);
                for (int v = 0; v < n; v++) {
                    if (counts == null || counts[(q0 + q) * n + v] != 0) {
                        start[so + codes[lab + v] + 1]++;
                    }
                }
                start[so] = q * n;
                for (int c = 0; c < kinds; c++) {
                    start[so + c + 1] += start[so + c];
                }
                for (int c = 0; c < kinds; c++) {
                    cursor[q * kinds + c] = start[so + c];
                }
                for (int v = 0; v < n; v++) {
                    if (counts == null || counts[(q0 + q) * n + v] != 0) {
                        int at = cursor[q * kinds + codes[lab + v]]++;
                        words[at] = v;
                        if (weights != null) {
                            weights[at] = counts[(q0 + q) * n + v];
                        }
                    }
                }
                for (int c = 0; c < kinds; c++) {
                    cursor[q * kinds + c] = start[so + c];
                }
            }
            return new Lists(words, weights, start, cursor, kinds);
        }

        /** The first entry of draw q's list of code c with a word &gt; u (u never decreases between calls). */
        int after(int q, int c, int u) {
            int i = q * kinds + c;
            int t = cursor[i];
            int end = end(q, c);
            while (t < end && words[t] <= u) {
                t++;
            }
            cursor[i] = t;
            return t;
        }

        /** The end of draw q's list of code c. */
        int end(int q, int c) {
            return start[q * (kinds + 1) + c + 1];
        }
    }
}
