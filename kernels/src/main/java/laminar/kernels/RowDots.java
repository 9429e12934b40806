package laminar.kernels;

/**
 * Weighted dot products over a range of a row, the inner loop of the permutation and bootstrap kernels
 * ({@link ResamplingKernels}). Two engines give the same sums up to the order of additions: plain Java and the
 * JDK Vector API (used when the {@code jdk.incubator.vector} module is present).
 */
interface RowDots {

    /** {@code out[o] += Σ w[wo+v]·x[v]} and {@code out[o+1] += Σ w[wo+v]·x2[v]} for v in [from, to). */
    void dot2(double[] w, int wo, double[] x, double[] x2, int from, int to, double[] out, int o);

    /** {@link #dot2} of (x, x2) into out[o], out[o+1] and of (y, y2) into out[o+2], out[o+3], one pass over w. */
    void dot4(double[] w, int wo, double[] x, double[] x2, double[] y, double[] y2, int from, int to, double[] out,
              int o);

    /** {@code Σ w[wo+v]·x[v]} for v in [from, to). */
    double dot(double[] w, int wo, double[] x, int from, int to);

    /**
     * Gathered dot products: {@code out[o] += Σ a0[v]·row[idx[io+v]]} and, when {@code a1} is not null,
     * {@code out[o+1] += Σ a1[v]·row[idx[io+v]]}, for v in [from, to).
     */
    void gatherDot2(float[] row, int[] idx, int io, double[] a0, double[] a1, int from, int to, double[] out, int o);

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
