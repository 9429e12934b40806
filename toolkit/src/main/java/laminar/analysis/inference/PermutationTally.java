package laminar.analysis.inference;

import java.util.Arrays;

/**
 * Streams one statistic's permutation null over a family of layers × 3: per (layer, column) the count of permuted
 * values at least as extreme as the observed one, and per permutation the maximum over the whole family (the
 * max-statistic method of family-wise error control). Memory: the counts and one double per permutation.
 */
final class PermutationTally {

    /**
     * Relative tolerance of "at least as extreme": a relabelling that gives the observed partition again (e.g.
     * words swapped within a category) reproduces the statistic up to rounding, and must count.
     */
    static final double TIE = 1e-9;

    private final Alternative alternative;
    private final double[][] observed;
    private final long[][] counts;
    private final double[] max;

    PermutationTally(int layers, int permutations, Alternative alternative) {
        this.alternative = alternative;
        this.observed = new double[layers][3];
        this.counts = new long[layers][3];
        this.max = new double[permutations];
        for (double[] o : observed) {
            Arrays.fill(o, Double.NaN);
        }
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    void observe(int layer, int column, double value) {
        observed[layer][column] = value;
    }

    /** A permuted value (the layer's observed value must be set first). */
    void add(int layer, int column, int permutation, double value) {
        double o = alternative.oriented(value);
        if (Double.isNaN(o)) {
            return;
        }
        if (atLeast(o, alternative.oriented(observed[layer][column]))) {
            counts[layer][column]++;
        }
        if (o > max[permutation]) {
            max[permutation] = o;
        }
    }

    /** Whether {@code permuted} counts as at least as extreme as {@code observed}. */
    static boolean atLeast(double permuted, double observed) {
        return permuted >= observed - TIE * Math.abs(observed);
    }

    long[][] counts() {
        return counts;
    }

    double[][] observed() {
        return observed;
    }

    /** (1 + count) / (1 + P); NaN for an undefined observed value. */
    double[][] pValues() {
        int p = max.length;
        double[][] out = new double[counts.length][3];
        for (int l = 0; l < counts.length; l++) {
            for (int k = 0; k < 3; k++) {
                out[l][k] = Double.isNaN(observed[l][k]) ? Double.NaN : (1.0 + counts[l][k]) / (1.0 + p);
            }
        }
        return out;
    }

    /** Max-statistic adjusted p: (1 + #{permutations whose family maximum ≥ observed}) / (1 + P). */
    double[][] familyWisePValues() {
        int p = max.length;
        double[][] out = new double[counts.length][3];
        for (int l = 0; l < counts.length; l++) {
            for (int k = 0; k < 3; k++) {
                double o = alternative.oriented(observed[l][k]);
                if (Double.isNaN(o)) {
                    out[l][k] = Double.NaN;
                    continue;
                }
                long c = 0;
                for (double m : max) {
                    if (atLeast(m, o)) {
                        c++;
                    }
                }
                out[l][k] = (1.0 + c) / (1.0 + p);
            }
        }
        return out;
    }
}
