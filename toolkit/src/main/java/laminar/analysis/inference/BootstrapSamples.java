package laminar.analysis.inference;

import java.util.Arrays;

/**
 * One statistic's bootstrap values per (layer, column), and their percentile interval and standard error. The B
 * values per cell are kept (percentiles need them): L × 3 × B doubles, no matrices.
 */
final class BootstrapSamples {

    private final double[][][] values;

    BootstrapSamples(int layers, int resamples) {
        this.values = new double[layers][3][resamples];
    }

    void set(int layer, int column, int resample, double value) {
        values[layer][column][resample] = value;
    }

    /** Percentile interval [2.5 %, 97.5 %] of the defined values (numpy's default, linear interpolation). */
    double[][][] interval95() {
        double[][][] out = new double[values.length][3][];
        for (int l = 0; l < values.length; l++) {
            for (int k = 0; k < 3; k++) {
                double[] x = finiteSorted(values[l][k]);
                out[l][k] = new double[] {percentile(x, 2.5), percentile(x, 97.5)};
            }
        }
        return out;
    }

    /** Standard deviation (ddof = 1) of the defined values. */
    double[][] standardError() {
        double[][] out = new double[values.length][3];
        for (int l = 0; l < values.length; l++) {
            for (int k = 0; k < 3; k++) {
                double[] x = finiteSorted(values[l][k]);
                double mean = 0;
                for (double v : x) {
                    mean += v;
                }
                mean /= x.length;
                double ss = 0;
                for (double v : x) {
                    ss += (v - mean) * (v - mean);
                }
                out[l][k] = x.length < 2 ? Double.NaN : Math.sqrt(ss / (x.length - 1));
            }
        }
        return out;
    }

    private static double[] finiteSorted(double[] v) {
        double[] x = Arrays.stream(v).filter(Double::isFinite).toArray();
        Arrays.sort(x);
        return x;
    }

    /** numpy.percentile(x, q) with method 'linear' on sorted x (its lerp, numpy ≥ 1.22). */
    static double percentile(double[] sorted, double q) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * (q / 100.0);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        double t = h - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        double d = b - a;
        return t >= 0.5 ? b - d * (1 - t) : a + d * t;
    }
}
