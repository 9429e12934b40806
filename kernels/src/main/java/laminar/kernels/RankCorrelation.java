package laminar.kernels;

import java.util.Arrays;

/**
 * Rank comparisons of two equally long vectors: Spearman's ρ and Kendall's τa, both O(m log m).
 *
 * <p>Values are float32 (the matrices' entries). They are ordered through their sortable bit patterns packed with
 * their index into one {@code long}, so that a primitive sort does the work (2 million pairs at 2,000 words);
 * {@code -0.0} and {@code 0.0} are one value. A NaN anywhere gives NaN, as scipy does by default.
 */
public final class RankCorrelation {

    private RankCorrelation() {
    }

    /** Spearman's ρ: Pearson r of the average ranks (ties share the mean of their ranks). */
    public static double spearman(float[] x, float[] y) {
        requireSameLength(x, y);
        if (hasNaN(x) || hasNaN(y) || x.length < 2) {
            return Double.NaN;
        }
        return pearson(averageRanks(x), averageRanks(y));
    }

    /**
     * Kendall's τa by Knight's algorithm: sort by (x, y), count the pairs tied in x and tied in both, count the
     * discordant pairs as the swaps of a merge sort of y, count the pairs tied in y, then
     * {@code (n0 − n1 − n2 + n3 − 2·swaps) / n0} with {@code n0 = m(m−1)/2} (concordant − discordant over all pairs).
     */
    public static double kendallTauA(float[] x, float[] y) {
        requireSameLength(x, y);
        if (hasNaN(x) || hasNaN(y) || x.length < 2) {
            return Double.NaN;
        }
        return kendallTauA(denseRanks(x), denseRanks(y));
    }

    /** τa from dense ranks (0-based, ties equal); see {@link #kendallTauA(float[], float[])}. */
    static double kendallTauA(int[] rx, int[] ry) {
        int m = rx.length;
        long[] keys = new long[m];
        for (int i = 0; i < m; i++) {
            keys[i] = ((long) rx[i] << 32) | ry[i];
        }
        Arrays.sort(keys);
        long n1 = 0;
        long n3 = 0;
        int[] ys = new int[m];
        int runX = 1;
        int runXY = 1;
        for (int i = 0; i < m; i++) {
            ys[i] = (int) keys[i];
            if (i > 0) {
                if ((keys[i] >>> 32) == (keys[i - 1] >>> 32)) {
                    runX++;
                } else {
                    n1 += pairs(runX);
                    runX = 1;
                }
                if (keys[i] == keys[i - 1]) {
                    runXY++;
                } else {
                    n3 += pairs(runXY);
                    runXY = 1;
                }
            }
        }
        n1 += pairs(runX);
        n3 += pairs(runXY);
        long swaps = mergeSortSwaps(ys, new int[m], 0, m);
        long n2 = 0;
        int runY = 1;
        for (int i = 1; i < m; i++) {
            if (ys[i] == ys[i - 1]) {
                runY++;
            } else {
                n2 += pairs(runY);
                runY = 1;
            }
        }
        n2 += pairs(runY);
        long n0 = pairs(m);
        return (double) (n0 - n1 - n2 + n3 - 2 * swaps) / n0;
    }

    private static long pairs(long t) {
        return t * (t - 1) / 2;
    }

    /** Sorts {@code a[lo, hi)} ascending and returns the number of pairs i &lt; j with a[i] &gt; a[j]. */
    private static long mergeSortSwaps(int[] a, int[] tmp, int lo, int hi) {
        if (hi - lo < 2) {
            return 0;
        }
        int mid = (lo + hi) >>> 1;
        long swaps = mergeSortSwaps(a, tmp, lo, mid) + mergeSortSwaps(a, tmp, mid, hi);
        if (a[mid - 1] <= a[mid]) {
            return swaps; // already in order: no pair crosses
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
            if (a[i] <= a[j]) {
                tmp[k++] = a[i++];
            } else {
                swaps += mid - i; // a[j] jumps over every remaining left element, each strictly greater
                tmp[k++] = a[j++];
            }
        }
        while (i < mid) {
            tmp[k++] = a[i++];
        }
        while (j < hi) {
            tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
        return swaps;
    }

    /** Indices sorted by value: the value's sortable bits in the high word, the index in the low word. */
    private static long[] sortedByValue(float[] v) {
        long[] keys = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            int bits = Float.floatToIntBits(v[i] + 0.0f); // + 0.0f folds -0.0 into 0.0
            int sortable = bits ^ ((bits >> 31) & 0x7fffffff);
            keys[i] = ((long) sortable << 32) | i;
        }
        Arrays.sort(keys);
        return keys;
    }

    /** 0-based ranks in which equal values share one rank, the next value taking the next integer. */
    static int[] denseRanks(float[] v) {
        long[] keys = sortedByValue(v);
        int[] rank = new int[v.length];
        int r = -1;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || (keys[i] >>> 32) != (keys[i - 1] >>> 32)) {
                r++;
            }
            rank[(int) keys[i]] = r;
        }
        return rank;
    }

    /** 1-based ranks, ties given the mean of the ranks they occupy. */
    public static double[] averageRanks(float[] v) {
        long[] keys = sortedByValue(v);
        double[] rank = new double[v.length];
        int start = 0;
        while (start < keys.length) {
            int end = start + 1;
            while (end < keys.length && (keys[end] >>> 32) == (keys[start] >>> 32)) {
                end++;
            }
            double mean = (start + 1 + end) / 2.0;
            for (int i = start; i < end; i++) {
                rank[(int) keys[i]] = mean;
            }
            start = end;
        }
        return rank;
    }

    /** Two-pass Pearson r in double, combined as the reference backend's RSA. */
    static double pearson(double[] x, double[] y) {
        int len = x.length;
        double sx = 0;
        double sy = 0;
        for (int k = 0; k < len; k++) {
            sx += x[k];
            sy += y[k];
        }
        double mx = sx / len;
        double my = sy / len;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int k = 0; k < len; k++) {
            double dx = x[k] - mx;
            double dy = y[k] - my;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        return JavaKernels.correlation(sxy, sxx, syy, len);
    }

    private static boolean hasNaN(float[] v) {
        for (float f : v) {
            if (Float.isNaN(f)) {
                return true;
            }
        }
        return false;
    }

    private static void requireSameLength(float[] x, float[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("the vectors have " + x.length + " and " + y.length
                    + " values; compare vectors of one length");
        }
    }
}
