package laminar.kernels;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Cosine-similarity matrices on the CPU. Each row is scaled by a power of two (exact: the cosine does not change,
 * and float32 products can neither overflow nor lose bits to underflow) and packed, zero-padded, in the layout of
 * {@link DotTiles#packedIndex} into a float array whose row count is a multiple of the block; its norm is taken in
 * double. Only the blocks with i ≤ j are
 * computed (mirrored into the lower triangle), square blocks of rows as parallel tasks. Within a task the columns
 * are walked in slabs of {@link #K_SLAB} so that a tile's rows stay in L1 and the block's rows in L2; the double
 * sums wait in a per-thread scratch between slabs, and slabs end on panel boundaries, which leaves the order of
 * the additions unchanged. Each output element is computed by exactly one task in the canonical order of
 * {@link DotTiles}, so the result does not depend on the thread count.
 */
final class CosineKernel {

    /** Rows per block side, a multiple of the tile side (tuned at n = 2,000, d = 1,600 on a 2-core EPYC). */
    static final int BLOCK = 48;

    /** Columns (floats) per slab: a tile's 6 row slabs are 12 KB (L1), a block pair's 96 rows 192 KB (L2). */
    static final int K_SLAB = 512;

    private final DotTiles dots;
    private final int block;
    private final int slab;
    private final ThreadLocal<double[]> scratch;
    private final ThreadLocal<float[]> panelScratch = ThreadLocal.withInitial(() -> new float[DotTiles.TILE_FLOATS]);

    CosineKernel(DotTiles dots) {
        this(dots, BLOCK, K_SLAB);
    }

    /** For tuning: {@code block} a multiple of {@link DotTiles#TILE}, {@code slab} of {@link DotTiles#PANEL}. */
    CosineKernel(DotTiles dots, int block, int slab) {
        if (block % DotTiles.TILE != 0 || block <= 0 || slab % DotTiles.PANEL != 0 || slab <= 0) {
            throw new IllegalArgumentException("block must be a positive multiple of " + DotTiles.TILE
                    + " and slab of " + DotTiles.PANEL);
        }
        this.dots = dots;
        this.block = block;
        this.slab = slab;
        int tiles = (block / DotTiles.TILE) * (block / DotTiles.TILE);
        this.scratch = ThreadLocal.withInitial(() -> new double[tiles * DotTiles.TILE_SUMS]);
    }

    DotTiles dots() {
        return dots;
    }

    float[] cosineMatrices(float[] rows, int m, int n, int d) {
        Checks.nonNegative("m", m, "n", n, "d", d);
        Checks.length("rows", rows, (long) m * n * d, "[m][n][d]");
        long outLen = (long) m * n * n;
        int dp = DotTiles.padded(d);
        long np = ((long) n + block - 1) / block * block;
        if (outLen > Integer.MAX_VALUE - 8 || np * dp > Integer.MAX_VALUE - 8 - DotTiles.PACK_LEAD) {
            throw new IllegalArgumentException("cosine batch too large for Java arrays (m=" + m + ", n=" + n
                    + ", d=" + d + "); split it into fewer matrices per call");
        }
        float[] out = new float[(int) outLen];
        if (n == 0) {
            return out;
        }
        // Padding rows stay zero; their cosines are computed but never stored.
        float[] x = new float[DotTiles.PACK_LEAD + (int) np * dp];
        double[] norms = new double[n];
        int[] blockPairs = upperBlockPairs((int) (np / block));
        for (int b = 0; b < m; b++) {
            int in = b * n * d;
            int base = b * n * n;
            IntStream.range(0, n).parallel().forEach(r -> norms[r] = pack(rows, in + r * d, d, x, r, dp));
            IntStream.range(0, blockPairs.length / 2).parallel().forEach(t ->
                    block(x, dp, n, norms, blockPairs[2 * t], blockPairs[2 * t + 1], out, base));
        }
        return out;
    }

    /**
     * Packs row {@code r} scaled by 2^s so that its largest magnitude lies in [0.5, 1) (exact barring underflow far
     * below float32's resolution of the row; non-finite and zero rows unscaled) and returns the norm of the scaled
     * row: {@code |x|²} in double as eight partial sums of exact products, {@code s_{k mod 8} += x_k²} in increasing
     * k, combined {@code ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7))}; relative error ~d·2^-53.
     */
    private static double pack(float[] rows, int src, int d, float[] x, int r, int dp) {
        float max = 0f;
        for (int k = 0; k < d; k++) {
            max = Math.max(max, Math.abs(rows[src + k]));
        }
        double scale = max > 0f && Float.isFinite(max) ? Math.scalb(1.0, -Math.getExponent(max) - 1) : 1.0;
        double[] s = new double[DotTiles.LANES];
        int chunk = DotTiles.packedIndex(r, 0, dp);
        for (int k0 = 0; k0 < d; k0 += DotTiles.LANES, chunk += DotTiles.TILE * DotTiles.LANES) {
            for (int k = k0; k < Math.min(d, k0 + DotTiles.LANES); k++) {
                float v = (float) (rows[src + k] * scale);
                x[chunk + k - k0] = v;
                s[k - k0] += (double) v * v;
            }
        }
        return Math.sqrt(((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])));
    }

    /** All block pairs (ib, jb) with ib ≤ jb, flattened; many small tasks keep the threads evenly loaded. */
    private static int[] upperBlockPairs(int nb) {
        int[] pairs = new int[nb * (nb + 1)];
        int p = 0;
        for (int ib = 0; ib < nb; ib++) {
            for (int jb = ib; jb < nb; jb++) {
                pairs[p++] = ib;
                pairs[p++] = jb;
            }
        }
        return pairs;
    }

    private void block(float[] x, int dp, int n, double[] norms, int ib, int jb, float[] out, int base) {
        int i0 = ib * block;
        int j0 = jb * block;
        if (i0 >= n || j0 >= n) {
            return;
        }
        // On a diagonal block only the tiles on or right of the diagonal (square tiles: tj ≥ ti).
        boolean diagonal = ib == jb;
        double[] acc = scratch.get();
        float[] panel = panelScratch.get();
        int tiles = 0;
        for (int ti = i0; ti < i0 + block; ti += DotTiles.TILE) {
            for (int tj = diagonal ? ti : j0; tj < j0 + block; tj += DotTiles.TILE) {
                tiles++;
            }
        }
        Arrays.fill(acc, 0, tiles * DotTiles.TILE_SUMS, 0.0);
        for (int k0 = 0; k0 < dp; k0 += slab) {
            int k1 = Math.min(dp, k0 + slab);
            int t = 0;
            for (int ti = i0; ti < i0 + block; ti += DotTiles.TILE) {
                for (int tj = diagonal ? ti : j0; tj < j0 + block; tj += DotTiles.TILE) {
                    dots.tile(x, dp, ti, tj, k0, k1, acc, t++ * DotTiles.TILE_SUMS, panel);
                }
            }
        }
        int t = 0;
        for (int ti = i0; ti < i0 + block; ti += DotTiles.TILE) {
            for (int tj = diagonal ? ti : j0; tj < j0 + block; tj += DotTiles.TILE) {
                int o = t++ * DotTiles.TILE_SUMS;
                for (int a = 0; a < DotTiles.TILE; a++) {
                    for (int c = 0; c < DotTiles.TILE; c++) {
                        int i = ti + a;
                        int j = tj + c;
                        if (i <= j && j < n) {
                            double dot = DotTiles.combine(acc, o + (a * DotTiles.TILE + c) * DotTiles.SUMS);
                            store(out, base, n, i, j, dot, norms);
                        }
                    }
                }
            }
        }
    }

    private static void store(float[] out, int base, int n, int i, int j, double dot, double[] norms) {
        // A zero row has norm 0: 0/0 gives NaN, as the notebook's division by a zero norm does. Clamping to
        // [-1, 1] only ever moves a value towards the exact cosine, and keeps float rounding above 1 out of the
        // error bound.
        double c = dot / (norms[i] * norms[j]);
        float v = (float) (c > 1.0 ? 1.0 : c < -1.0 ? -1.0 : c);
        out[base + i * n + j] = v;
        out[base + j * n + i] = v;
    }
}
