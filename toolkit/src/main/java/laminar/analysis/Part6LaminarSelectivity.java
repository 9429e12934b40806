package laminar.analysis;

import laminar.kernels.GroupMoments;
import laminar.kernels.stats.Selectivity;

/**
 * Part 6 of the notebook (and, on Fisher-z values, Part 7b): per layer and for Q, K, V the within − across
 * difference of mean similarity, the t statistic and the average (within + across) / 2.
 *
 * @param values {@code [layer][Q, K, V][DIFFERENCE, T, AVERAGE]}
 * @param fisherZ whether the similarities were Fisher-z transformed first
 */
public record Part6LaminarSelectivity(double[][][] values, boolean fisherZ) {

    public static final int DIFFERENCE = 0;
    public static final int T = 1;
    public static final int AVERAGE = 2;

    /** The selectivity triples of every layer's Q, K, V moments. */
    static Part6LaminarSelectivity from(GroupMoments[][] moments, boolean fisherZ) {
        double[][][] values = new double[moments.length][3][];
        for (int l = 0; l < moments.length; l++) {
            for (int k = 0; k < 3; k++) {
                Selectivity s = Selectivity.of(moments[l][k]);
                values[l][k] = new double[] {s.difference(), s.t(), s.average()};
            }
        }
        return new Part6LaminarSelectivity(values, fisherZ);
    }
}
