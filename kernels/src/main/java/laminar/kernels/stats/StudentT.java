package laminar.kernels.stats;

import java.util.Objects;
import laminar.kernels.GroupMoments;

/**
 * Student's t for two independent samples with pooled variance: {@code scipy.stats.ttest_ind(a, b)} with its
 * defaults ({@code equal_var=True}), the first sample being the within-category values.
 *
 * <p>Arithmetic as scipy 1.10: {@code v = M2/n · n/(n−1)}, {@code svar = ((n1−1)·v1 + (n2−1)·v2) / df},
 * {@code t = (mean1 − mean2) / sqrt(svar · (1/n1 + 1/n2))}, {@code df = n1 + n2 − 2}.
 *
 * <p><b>Undefined cases</b> give {@code t = NaN} and a reason, never an exception, so that one degenerate matrix
 * does not stop a sweep over all layers:
 * <ul>
 *   <li>a group with fewer than 2 values (scipy: NaN too);</li>
 *   <li>zero pooled variance, i.e. both groups constant (scipy: ±inf when the means differ, NaN when equal;
 *       laminar: NaN, because an infinite t is not a usable selectivity and would break plot axes);</li>
 *   <li>NaN in the input (scipy: NaN).</li>
 * </ul>
 *
 * @param t the t statistic, NaN when undefined
 * @param df degrees of freedom {@code n1 + n2 − 2}
 * @param undefinedReason why {@code t} is NaN, or null when it is defined
 */
public record StudentT(double t, double df, String undefinedReason) {

    /** Whether {@code t} is defined (not NaN). */
    public boolean isDefined() {
        return undefinedReason == null;
    }

    /** Pooled-variance t of within (first sample) versus across (second sample). */
    public static StudentT pooled(GroupMoments g) {
        Objects.requireNonNull(g, "g");
        return pooled(g.withinCount(), g.withinMean(), g.withinM2(), g.acrossCount(), g.acrossMean(), g.acrossM2());
    }

    /** Pooled-variance t of two raw samples (means and squared deviations in double, two passes). */
    public static StudentT pooled(double[] a, double[] b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        double ma = mean(a);
        double mb = mean(b);
        return pooled(a.length, ma, m2(a, ma), b.length, mb, m2(b, mb));
    }

    /** Pooled-variance t of two float32 samples, widened to double (scipy computes float32 input in float32). */
    public static StudentT pooled(float[] a, float[] b) {
        return pooled(widen(a), widen(b));
    }

    /** From counts, means and sums of squared deviations of the two samples. */
    public static StudentT pooled(long n1, double mean1, double m2a, long n2, double mean2, double m2b) {
        double df = n1 + n2 - 2.0;
        if (n1 < 2 || n2 < 2) {
            return new StudentT(Double.NaN, df, "pooled t needs at least 2 values per group; got " + n1
                    + " within and " + n2 + " across");
        }
        double v1 = m2a / n1 * ((double) n1 / (n1 - 1));
        double v2 = m2b / n2 * ((double) n2 / (n2 - 1));
        double svar = ((n1 - 1) * v1 + (n2 - 1) * v2) / df;
        double denom = Math.sqrt(svar * (1.0 / n1 + 1.0 / n2));
        double t = (mean1 - mean2) / denom;
        if (Double.isNaN(mean1) || Double.isNaN(mean2) || Double.isNaN(denom)) {
            return new StudentT(Double.NaN, df, "a group mean or variance is NaN (NaN in the input)");
        }
        if (denom == 0) {
            return new StudentT(Double.NaN, df, "both groups have zero variance (all values within each group"
                    + " equal), so t is undefined");
        }
        return new StudentT(t, df, null);
    }

    private static double[] widen(float[] a) {
        Objects.requireNonNull(a, "a");
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double m2(double[] a, double mean) {
        double s = 0;
        for (double v : a) {
            s += (v - mean) * (v - mean);
        }
        return s;
    }
}
