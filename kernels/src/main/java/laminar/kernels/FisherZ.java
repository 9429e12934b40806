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

    /** arctanh of {@code r} with |r| clipped to {@link #MAX_ABS_R}. */
    public static double of(double r) {
        double c = Math.max(-MAX_ABS_R, Math.min(MAX_ABS_R, r));
        // log1p form: accurate for small |r| as well as near ±1.
        return 0.5 * Math.log1p(2.0 * c / (1.0 - c));
    }
}
