package laminar.kernels;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Cosine-similarity matrices on the CPU: rows widened to double once, norms once, only the tiles with i ≤ j
 * computed (mirrored into the lower triangle), square blocks of rows as parallel tasks. Within a task the columns
 * are walked in slabs of {@link #K_SLAB} so that a 4-row tile stays in L1 and the block's rows stay in L2; the
 * partial sums wait in a per-thread scratch between slabs, which leaves the order of the additions unchanged. Each
 * output element is computed by exactly one task in the canonical order of {@link DotTiles}, so the result does
 * not depend on the thread count.
 */
final class CosineKernel {

    /** Rows per block side (tuned at n = 2,000, d = 1,600 on a 2-core AVX-512 EPYC; 32 and 128 were slower). */
    static final int BLOCK = 64;

    /** Columns (doubles) per slab: a 4-row tile slab is 16 KB (L1), a 64-row block slab 256 KB (L2). */
    static final int K_SLAB = 512;

    private static final int TILE_ACC = DotTiles.TILE * DotTiles.TILE * DotTiles.LANES;

    private final DotTiles dots;
    private final int block;
    private final int slab;
    private final ThreadLocal<double[]> scratch;

    CosineKernel(DotTiles dots) {
        this(dots, BLOCK, K_SLAB);
    }

    /** For tuning: {@code block} a multiple of 4, {@code slab} a multiple of 8. */
    CosineKernel(DotTiles dots, int block, int slab) {
        if (block % DotTiles.TILE != 0 || block <= 0 || slab % DotTiles.LANES != 0 || slab <= 0) {
            throw new IllegalArgumentException("block must be a positive multiple of 4 and slab of 8");
        }
        this.dots = dots;
        this.block = block;
        this.slab = slab;
        int tiles = (block / DotTiles.TILE) * (block / DotTiles.TILE);
        this.scratch = ThreadLocal.withInitial(() -> new double[tiles * TILE_ACC]);
    }

    DotTiles dots() {
        return dots;
    }

    float[] cosineMatrices(float[] rows, int m, int n, int d) {
        Checks.nonNegative("m", m, "n", n, "d", d);
        Checks.length("rows", rows, (long) m * n * d, "[m][n][d]");
        long outLen = (long) m * n * n;
        int dp = DotTiles.padded(d);
        if (outLen > Integer.MAX_VALUE - 8 || (long) n * dp > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cosine batch too large for Java arrays (m=" + m + ", n=" + n
                    + ", d=" + d + "); split it into fewer matrices per call");
        }
        float[] out = new float[(int) outLen];
        if (n == 0) {
            return out;
        }
        double[] x = new double[n * dp];
        double[] norms = new double[n];
        int nb = (n + block - 1) / block;
        int[] blockPairs = upperBlockPairs(nb);
        for (int b = 0; b < m; b++) {
            int in = b * n * d;
            int base = b * n * n;
            IntStream.range(0, n).parallel().forEach(r -> {
                int src = in + r * d;
                int dst = r * dp;
                for (int k = 0; k < d; k++) {
                    x[dst + k] = rows[src + k];
                }
                double[] lanes = new double[DotTiles.LANES];
                dots.pair(x, dp, r, r, 0, dp, lanes, 0);
                norms[r] = Math.sqrt(DotTiles.combine(lanes, 0));
            });
            IntStream.range(0, blockPairs.length / 2).parallel().forEach(t ->
                    block(x, dp, n, norms, blockPairs[2 * t], blockPairs[2 * t + 1], out, base));
        }
        return out;
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

    private void block(double[] x, int dp, int n, double[] norms, int ib, int jb, float[] out, int base) {
        int i0 = ib * block;
        int iEnd = Math.min(n, i0 + block);
        int j0 = jb * block;
        int jEnd = Math.min(n, j0 + block);
        boolean diagonal = ib == jb;
        int iFull = i0 + (iEnd - i0) / DotTiles.TILE * DotTiles.TILE;
        int jFull = j0 + (jEnd - j0) / DotTiles.TILE * DotTiles.TILE;
        double[] acc = scratch.get();
        int tiles = 0;
        for (int ti = i0; ti < iFull; ti += DotTiles.TILE) {
            // On a diagonal block only tiles on or right of the diagonal; their lower halves are harmless repeats.
            for (int tj = diagonal ? ti : j0; tj < jFull; tj += DotTiles.TILE) {
                tiles++;
            }
        }
        Arrays.fill(acc, 0, tiles * TILE_ACC, 0.0);
        for (int k0 = 0; k0 < dp; k0 += slab) {
            int k1 = Math.min(dp, k0 + slab);
            int t = 0;
            for (int ti = i0; ti < iFull; ti += DotTiles.TILE) {
                for (int tj = diagonal ? ti : j0; tj < jFull; tj += DotTiles.TILE) {
                    dots.tile(x, dp, ti, tj, k0, k1, acc, t++ * TILE_ACC);
                }
            }
        }
        int t = 0;
        for (int ti = i0; ti < iFull; ti += DotTiles.TILE) {
            for (int tj = diagonal ? ti : j0; tj < jFull; tj += DotTiles.TILE) {
                int o = t++ * TILE_ACC;
                for (int a = 0; a < DotTiles.TILE; a++) {
                    for (int c = 0; c < DotTiles.TILE; c++) {
                        double dot = DotTiles.combine(acc, o + (a * DotTiles.TILE + c) * DotTiles.LANES);
                        store(out, base, n, ti + a, tj + c, dot, norms);
                    }
                }
            }
        }
        // Ragged edges (n not a multiple of 4): pairs outside the full tiles, one at a time.
        double[] lanes = new double[DotTiles.LANES];
        for (int i = i0; i < iEnd; i++) {
            for (int j = diagonal ? i : j0; j < jEnd; j++) {
                if (i < iFull && j < jFull) {
                    continue;
                }
                Arrays.fill(lanes, 0.0);
                dots.pair(x, dp, i, j, 0, dp, lanes, 0);
                store(out, base, n, i, j, DotTiles.combine(lanes, 0), norms);
            }
        }
    }

    private static void store(float[] out, int base, int n, int i, int j, double dot, double[] norms) {
        // A zero row has norm 0: 0/0 gives NaN, as the notebook's division by a zero norm does.
        float c = (float) (dot / (norms[i] * norms[j]));
        out[base + i * n + j] = c;
        out[base + j * n + i] = c;
    }
}
