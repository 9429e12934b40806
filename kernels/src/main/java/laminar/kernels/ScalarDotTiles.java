package laminar.kernels;

/** Plain-loop engine in the canonical order; used when the Vector API module is not in the JVM. */
final class ScalarDotTiles implements DotTiles {

    @Override
    public void tile(double[] x, int dp, int i0, int j0, int k0, int k1, double[] acc, int o) {
        for (int a = 0; a < TILE; a++) {
            for (int b = 0; b < TILE; b++) {
                pair(x, dp, i0 + a, j0 + b, k0, k1, acc, o + (a * TILE + b) * LANES);
            }
        }
    }

    @Override
    public void pair(double[] x, int dp, int i, int j, int k0, int k1, double[] acc, int o) {
        int xi = i * dp;
        int xj = j * dp;
        double s0 = acc[o], s1 = acc[o + 1], s2 = acc[o + 2], s3 = acc[o + 3];
        double s4 = acc[o + 4], s5 = acc[o + 5], s6 = acc[o + 6], s7 = acc[o + 7];
        for (int k = k0; k < k1; k += LANES) {
            s0 += x[xi + k] * x[xj + k];
            s1 += x[xi + k + 1] * x[xj + k + 1];
            s2 += x[xi + k + 2] * x[xj + k + 2];
            s3 += x[xi + k + 3] * x[xj + k + 3];
            s4 += x[xi + k + 4] * x[xj + k + 4];
            s5 += x[xi + k + 5] * x[xj + k + 5];
            s6 += x[xi + k + 6] * x[xj + k + 6];
            s7 += x[xi + k + 7] * x[xj + k + 7];
        }
        acc[o] = s0;
        acc[o + 1] = s1;
        acc[o + 2] = s2;
        acc[o + 3] = s3;
        acc[o + 4] = s4;
        acc[o + 5] = s5;
        acc[o + 6] = s6;
        acc[o + 7] = s7;
    }

    @Override
    public String describe() {
        return "scalar loops (start the JVM with --add-modules jdk.incubator.vector for SIMD)";
    }
}
