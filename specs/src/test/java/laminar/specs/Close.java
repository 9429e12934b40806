package laminar.specs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Element-wise comparisons with a label naming the failing element. */
final class Close {

    private Close() {
    }

    static void abs(double[] actual, double[] expected, double tolerance, String what) {
        assertThat(actual).as(what + " length").hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(tolerance));
        }
    }

    static void abs(double[][] actual, double[][] expected, double tolerance, String what) {
        assertThat(actual.length).as(what + " rows").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            abs(actual[i], expected[i], tolerance, what + "[" + i + "]");
        }
    }

    static void abs(float[] actual, double[] expected, double tolerance, String what) {
        double[] a = new double[actual.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = actual[i];
        }
        abs(a, expected, tolerance, what);
    }

    /** |actual − expected| ≤ tolerance · |expected|. */
    static void relative(double actual, double expected, double tolerance, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(tolerance * Math.abs(expected)));
    }

    static double[] flatten(double[][] m) {
        int n = 0;
        for (double[] r : m) {
            n += r.length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] r : m) {
            System.arraycopy(r, 0, out, at, r.length);
            at += r.length;
        }
        return out;
    }
}
