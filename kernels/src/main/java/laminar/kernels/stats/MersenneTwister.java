package laminar.kernels.stats;

import java.util.Objects;

/**
 * MT19937 (Matsumoto &amp; Nishimura), seeded as numpy's legacy {@code RandomState} seeds it: {@code init_genrand}
 * for an integer seed, {@code init_by_array} for an array seed. 32-bit words are held in Java ints (unsigned
 * semantics where it matters).
 */
public final class MersenneTwister {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;

    private MersenneTwister() {
    }

    /** {@code init_genrand(seed)}; numpy's {@code np.random.seed(seed)} for an int seed in [0, 2^32). */
    public static MersenneTwister ofSeed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1 (as numpy requires); got " + seed);
        }
        MersenneTwister t = new MersenneTwister();
        t.initGenrand((int) seed);
        return t;
    }

    /** {@code init_by_array(key)}; numpy's {@code np.random.seed([k0, k1, ...])}, each key in [0, 2^32). */
    public static MersenneTwister ofKey(long[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("seed key must be non-empty");
        }
        int[] k = new int[key.length];
        for (int i = 0; i < key.length; i++) {
            if (key[i] < 0 || key[i] > 0xffffffffL) {
                throw new IllegalArgumentException("seed key values must be between 0 and 2**32 - 1; key[" + i
                        + "] = " + key[i]);
            }
            k[i] = (int) key[i];
        }
        MersenneTwister t = new MersenneTwister();
        t.initByArray(k);
        return t;
    }

    /** Word {@code i} of the 624-word state, unsigned (numpy's {@code get_state()[1][i]}), for tests. */
    long stateWord(int i) {
        return mt[i] & 0xffffffffL;
    }

    private void initGenrand(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        pos = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK;
        pos = N;
    }

    private void generate() {
        int kk;
        for (kk = 0; kk < N - M; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; kk < N - 1; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        pos = 0;
    }

    /** The next 32-bit output (tempered), as an unsigned value in a long. */
    public long nextUInt32() {
        if (pos == N) {
            generate();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /** A double in [0, 1) from two outputs, 53 random bits: {@code (a>>5 · 2^26 + b>>6) / 2^53}. */
    public double nextDouble() {
        long a = nextUInt32() >>> 5;
        long b = nextUInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }
}
