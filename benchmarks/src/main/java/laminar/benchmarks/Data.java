package laminar.benchmarks;

import java.util.SplittableRandom;

/**
 * Seeded synthetic inputs for the kernel benchmarks: {@code m} matrices of {@code n} word vectors of width
 * {@code d} with three categories (a category direction plus Gaussian noise, as bench/make_activations.py), so
 * the cosines look like the analyses' (mostly positive, category blocks) rather than white noise.
 */
final class Data {

    private Data() {
    }

    /** Category code of word {@code i} of {@code n}: three blocks of (nearly) equal size. */
    static int[] categories(int n) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = (int) ((long) i * 3 / n);
        }
        return c;
    }

    /** {@code [m][n][d]} float32 rows: shared mean direction + category direction + noise, all of norm ~sqrt(d). */
    static float[] rows(int m, int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] cat = categories(n);
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(m, n), d)];
        for (int b = 0; b < m; b++) {
            double[] mean = gaussian(rnd, d);
            double[][] dirs = {gaussian(rnd, d), gaussian(rnd, d), gaussian(rnd, d)};
            for (int i = 0; i < n; i++) {
                int o = (b * n + i) * d;
                for (int k = 0; k < d; k++) {
                    out[o + k] = (float) (mean[k] + 0.6 * dirs[cat[i]][k] + gauss(rnd));
                }
            }
        }
        return out;
    }

    private static double[] gaussian(SplittableRandom rnd, int d) {
        double[] v = new double[d];
        for (int k = 0; k < d; k++) {
            v[k] = gauss(rnd);
        }
        return v;
    }

    /** Box–Muller, one value per call (speed is irrelevant here: set-up only). */
    private static double gauss(SplittableRandom rnd) {
        double u = 1.0 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
