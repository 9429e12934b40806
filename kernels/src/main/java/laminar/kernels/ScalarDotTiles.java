package laminar.kernels;

/** Plain-loop engine in the canonical order; used when the Vector API module is not in the JVM. */
final class ScalarDotTiles implements DotTiles {

    @Override
    public void tile(float[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o, float[] f) {
        for (int a = 0; a < TILE; a++) {
            for (int b = 0; b < TILE; b++) {
                int s = o + (a * TILE + b) * SUMS;
                for (int p = k0; p < k1; p += PANEL) {
                    java.util.Arrays.fill(f, 0, LANES, 0f);
                    for (int k = p; k < Math.min(k1, p + PANEL); k++) {
                        float xi = x[DotTiles.packedIndex(i0 + a, k, dp)];
                        float xj = x[DotTiles.packedIndex(j0 + b, k, dp)];
                        f[k % LANES] = Math.fma(xi, xj, f[k % LANES]);
                    }
                    for (int l = 0; l < SUMS; l++) {
                        acc[s + l] += (double) f[l] + (double) f[l + SUMS];
                    }
                }
            }
        }
    }

    @Override
    public String describe() {
        return "scalar loops (start the JVM with --add-modules jdk.incubator.vector for SIMD)";
    }
}
