package laminar.kernels.stats;

import java.util.Objects;

/**
 * {@code np.histogram(x, bins='fd')} as numpy 1.24.2 (Debian bookworm's python3-numpy) computes it, bit for bit,
 * for float32 and for float64 input.
 *
 * <p>numpy's arithmetic, with the dtype of every intermediate (NumPy 1.x value-based casting; NumPy 2 would
 * differ):
 * <ol>
 *   <li>{@code first, last = a.min(), a.max()} in the input dtype; if equal, {@code first − 0.5}, {@code last + 0.5}
 *       in <em>float64</em> (a numpy float32 scalar minus a Python float is float64 under NumPy 1.x).</li>
 *   <li>percentiles 75 and 25, method linear: virtual index {@code (n−1)·q}, {@code diff = b − a} in the
 *       <em>input</em> dtype, then {@code a + diff·g} (or {@code b − diff·(1−g)} when {@code g ≥ 0.5}) in float64.</li>
 *   <li>{@code width = 2.0·iqr·n^(−1/3)} in float64 with the C library's {@code pow} ({@link GlibcMath}).</li>
 *   <li>{@code bins = ceil((last − first) / width)}, the subtraction in the dtype of the edges (float32 for float32
 *       input unless expanded), 1 when the width is 0.</li>
 *   <li>edges {@code = linspace(first, last, bins+1)}: {@code i·step + first} in float64 with
 *       {@code step = (last−first)/bins}, the last edge set to {@code last}, then cast to the input dtype.</li>
 *   <li>bin of x: {@code (x − first)·(bins/(last−first))} truncated, computed in the input dtype (the float64
 *       factor rounded to float32 for float32 input), then moved by one where it disagrees with the edges.</li>
 *   <li>density {@code = counts / diff(edges) / total}, the differences taken in the input dtype.</li>
 * </ol>
 * Float32 operations are done in double and rounded to float, which is exact for +, −, ×, ÷ (double has more
 * than 2·24+2 bits).
 *
 * <p>numpy sorts (partitions) for the percentiles; here the four order statistics the quartiles need are selected
 * (quickselect, expected O(n)) instead of sorting all values: the same values, so the same bits, at a fraction of
 * the cost for the millions of similarities of Part 5 at thousands of words (BENCHMARKS.md, "Scale").
 */
public final class FreedmanDiaconis {

    private FreedmanDiaconis() {
    }

    /** {@code np.histogram(x, bins='fd')} of float32 values. */
    public static Histogram histogram(float[] x) {
        Objects.requireNonNull(x, "x");
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i];
        }
        return compute(v, true);
    }

    /** {@code np.histogram(x, bins='fd')} of float64 values. */
    public static Histogram histogram(double[] x) {
        Objects.requireNonNull(x, "x");
        return compute(x.clone(), false);
    }

    /** numpy's Freedman-Diaconis bin width {@code 2·IQR·n^(−1/3)} of float32 values (0 for empty input). */
    public static double binWidth(float[] x) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i];
        }
        return width(v, true);
    }

    /** numpy's Freedman-Diaconis bin width {@code 2·IQR·n^(−1/3)} of float64 values (0 for empty input). */
    public static double binWidth(double[] x) {
        return width(x.clone(), false);
    }

    /**
     * {@code values} is a private copy (reordered here: the counts do not depend on the order); float32 input holds
     * float values widened to double.
     */
    private static Histogram compute(double[] values, boolean f32) {
        int n = values.length;
        if (n == 0) {
            // numpy: range (0, 1), one bin, density 0/1/0 = NaN.
            return new Histogram(new double[] {0, 1}, new long[] {0}, new double[] {Double.NaN});
        }
        double first = values[0];
        double last = values[0];
        for (double v : values) {
            first = Math.min(first, v); // Math.min/max: NaN wins, and −0.0 < 0.0 as in a sort
            last = Math.max(last, v);
        }
        double minimum = first;
        if (Double.isNaN(first) || Double.isNaN(last) || Double.isInfinite(first) || Double.isInfinite(last)) {
            throw new IllegalArgumentException("histogram input has non-finite values (range [" + first + ", "
                    + last + "]); drop NaN and infinite values first");
        }
        // Whether first/last are float64 scalars even for float32 input (the expanded constant range).
        boolean edgesF32 = f32;
        if (first == last) {
            first = first - 0.5;
            last = last + 0.5;
            edgesF32 = false;
            if (first == last) {
                throw new IllegalArgumentException("constant input " + minimum + " is too large to form a unit-wide"
                        + " bin (numpy divides by zero here)");
            }
        }
        double range = round(last - first, edgesF32);
        double width = width(values, f32);
        long bins = width != 0 ? (long) Math.ceil(range / width) : 1;
        if (bins > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Freedman-Diaconis asks for " + bins + " bins (range " + range
                    + ", width " + width + "); the inter-quartile range is too small for this data");
        }
        int nb = (int) bins;
        double[] edges = linspace(first, last, nb, f32);
        double norm = nb / range;
        long[] counts = new long[nb];
        double firstCast = round(first, f32);
        // Value-based casting: the float64 factor joins a float32 array as float32 unless it overflows float32.
        boolean mulF32 = f32 && Math.abs(norm) <= Float.MAX_VALUE;
        double normCast = round(norm, mulF32);
        for (double x : values) {
            double f = round(round(x - firstCast, f32) * normCast, mulF32);
            long idx = (long) f;
            if (idx == nb) {
                idx--;
            }
            if (x < edges[(int) idx]) {
                idx--;
            }
            if (idx != nb - 1 && x >= edges[(int) idx + 1]) {
                idx++;
            }
            counts[(int) idx]++;
        }
        double[] density = new double[nb];
        for (int i = 0; i < nb; i++) {
            double db = round(edges[i + 1] - edges[i], f32);
            density[i] = counts[i] / db / n;
        }
        return new Histogram(edges, counts, density);
    }

    /** {@code 2.0 * iqr * n ** (-1.0/3.0)} of finite values (reordered: the quartiles' neighbours are selected). */
    private static double width(double[] values, boolean f32) {
        int n = values.length;
        if (n == 0) {
            return 0;
        }
        int[] needed = {neighbours(n, 0.25)[0], neighbours(n, 0.25)[1], neighbours(n, 0.75)[0],
                neighbours(n, 0.75)[1]};
        int from = 0;
        for (int k : needed) { // ascending; each selection leaves everything before k at most values[k]
            if (k >= from) {
                select(values, from, n - 1, k);
                from = k + 1;
            }
        }
        double iqr = percentile(values, 0.75, f32) - percentile(values, 0.25, f32);
        return 2.0 * iqr * GlibcMath.pow(n, -1.0 / 3.0);
    }

    /** The two sorted positions np.percentile (linear) interpolates between for {@code q}, and nothing else. */
    private static int[] neighbours(int n, double q) {
        double virtual = (n - 1) * q;
        if (virtual >= n - 1) {
            return new int[] {n - 1, n - 1};
        }
        int prev = (int) Math.floor(virtual);
        return new int[] {prev, prev + 1};
    }

    /**
     * Puts the value that sorted position {@code k} holds at {@code a[k]}, smaller-or-equal values before it and
     * larger-or-equal after it, within {@code a[lo..hi]} (Hoare partitions around a median of three; finite values,
     * so {@code <} is a total order up to the sign of zero, which the quartiles' arithmetic does not see).
     */
    static void select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            double x = a[lo];
            double y = a[mid];
            double z = a[hi];
            double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return; // j < k < i: a[k] equals the pivot, in place
            }
        }
    }

    /**
     * np.percentile, method 'linear', q in [0, 1], of values whose sorted positions around {@code (n−1)·q} are in
     * place (a sorted array, or one {@link #width} selected).
     */
    static double percentile(double[] sorted, double q, boolean f32) {
        int n = sorted.length;
        int[] at = neighbours(n, q);
        int prev = at[0];
        int next = at[1];
        double virtual = (n - 1) * q;
        double gamma = virtual >= n - 1 ? virtual + 1 : virtual - prev;
        double a = sorted[prev];
        double b = sorted[next];
        double diff = round(b - a, f32);
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }

    /** np.linspace(first, last, bins + 1) computed in float64, cast to the input dtype. */
    private static double[] linspace(double first, double last, int bins, boolean f32) {
        double[] y = new double[bins + 1];
        double delta = last - first;
        double step = delta / bins;
        for (int i = 0; i <= bins; i++) {
            double v = step == 0 ? i / (double) bins * delta : i * step;
            y[i] = round(v + first, f32);
        }
        y[bins] = round(last, f32);
        return y;
    }

    private static double round(double v, boolean f32) {
        return f32 ? (float) v : v;
    }
}
