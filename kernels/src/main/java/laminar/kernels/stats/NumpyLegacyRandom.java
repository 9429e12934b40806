package laminar.kernels.stats;

/**
 * numpy's legacy global random stream ({@code np.random.seed(s)} then {@code np.random.random_sample} /
 * {@code np.random.uniform}), bit for bit: MT19937 with numpy's legacy seeding, doubles from 53 random bits,
 * {@code uniform = low + (high − low)·u}.
 *
 * <pre>{@code
 * // np.random.seed(38); r = np.random.uniform(-1, 1, size=10_000)
 * double[] r = new NumpyLegacyRandom(38).uniform(-1, 1, 10_000);
 * }</pre>
 */
public final class NumpyLegacyRandom {

    private final MersenneTwister mt;

    /** {@code np.random.seed(seed)} for an int seed in [0, 2^32). */
    public NumpyLegacyRandom(long seed) {
        this(MersenneTwister.ofSeed(seed));
    }

    private NumpyLegacyRandom(MersenneTwister mt) {
        this.mt = mt;
    }

    /** {@code np.random.seed([k0, k1, ...])}: an array seed, each value in [0, 2^32). */
    public static NumpyLegacyRandom ofKey(long... key) {
        return new NumpyLegacyRandom(MersenneTwister.ofKey(key));
    }

    /** {@code np.random.random_sample()}: a double in [0, 1). */
    public double randomSample() {
        return mt.nextDouble();
    }

    /** {@code np.random.uniform(low, high)}: one draw. */
    public double uniform(double low, double high) {
        return low + (high - low) * mt.nextDouble();
    }

    /** {@code np.random.uniform(low, high, size)}: {@code size} draws in order. */
    public double[] uniform(double low, double high, int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must be ≥ 0, got " + size);
        }
        double range = high - low;
        if (!Double.isFinite(range)) {
            // numpy raises OverflowError('Range exceeds valid bounds'); high < low is allowed, as in numpy.
            throw new IllegalArgumentException("uniform needs a finite high - low; got low " + low + ", high " + high);
        }
        double[] r = new double[size];
        for (int i = 0; i < size; i++) {
            r[i] = low + range * mt.nextDouble();
        }
        return r;
    }

    /** The underlying generator (for other draws, e.g. raw 32-bit outputs). */
    public MersenneTwister generator() {
        return mt;
    }
}
