package laminar.specs;

/**
 * Every tolerance of the spec suite, stated once with its reason.
 *
 * <p>The notebook computes in float32: it normalises float32 vectors and multiplies them with float32 BLAS
 * (summation order unknown), takes float32 means in {@code ttest_ind} and Part 6, and renormalises its arrays in
 * place in every part (values drift by about an ulp between parts). laminar accumulates in double and rounds the
 * cosines to float32. So laminar cannot match bit for bit; it must match to a few float32 ulps (2^-24 ≈ 6e-8 near
 * 1) of the quantities involved.
 */
final class Tolerances {

    private Tolerances() {
    }

    /** Cosine similarities in [−1, 1]: a few float32 ulps near 1 (float32 sgemm versus double accumulation). */
    static final double COSINE = 1e-6;

    /** Pearson r (Q/K/V correlations, RSA): numpy computes them in float64 from float32 inputs that differ by ulps. */
    static final double R = 1e-6;

    /**
     * t statistics, relative: t = (m1 − m2) / se, where the notebook's float32 means carry ~6e-8 relative error and
     * the difference of two means near 0.7 that differ by ~0.05 amplifies it ~15 times.
     */
    static final double T_RELATIVE = 1e-5;

    /** Differences and averages of mean similarities (float32 means in the notebook). */
    static final double MEAN = 1e-6;

    /** Histogram edges (float32 in the notebook, from min/max/percentiles of float32 values). */
    static final double EDGE = 1e-6;

    /** Histogram densities, relative: float32 bin widths in the denominator. */
    static final double DENSITY_RELATIVE = 1e-5;

    /**
     * Activations: max abs error relative to the activation scale (max |golden|). PyTorch's float32 forward and
     * laminar's (another summation order, the shared prefix computed once) differ by float32 rounding that grows
     * through 12 layers; 2e-4 of the scale is the bound.
     */
    static final double ACTIVATION_RELATIVE = 2e-4;

    /**
     * End to end (checkpoint → numbers): the activation differences above propagate into cosines, RSA and t. The
     * bounds below are what 2e-4 relative input noise allows on the bundled checkpoint.
     */
    static final double E2E_COSINE = 1e-4;
    static final double E2E_R = 1e-3;
    static final double E2E_T_RELATIVE = 1e-3;
    static final double E2E_MEAN = 1e-4;
}
