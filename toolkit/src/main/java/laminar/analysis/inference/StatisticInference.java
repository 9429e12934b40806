package laminar.analysis.inference;

/**
 * Inference for one statistic over layers × 3 (Q, K, V; for the RSA Q–K, Q–V, K–V). Arrays are NaN where not
 * computed (no permutations, no bootstrap, or an undefined statistic).
 *
 * @param observed the statistic as computed from the permutation kernels' sums (equal to Parts 4, 6 and 7b's
 *                 values up to rounding)
 * @param count permuted values at least as extreme as the observed one (null without permutations)
 * @param p {@code (1 + count) / (1 + P)}
 * @param pFwer max-statistic family-wise adjusted p over layers × 3
 * @param qFdr Benjamini–Hochberg q over layers × 3
 * @param ci95 percentile bootstrap interval {@code [layer][column][low, high]}
 * @param se bootstrap standard error
 */
public record StatisticInference(Statistic statistic, double[][] observed, long[][] count, double[][] p,
                                 double[][] pFwer, double[][] qFdr, double[][][] ci95, double[][] se) {
}
