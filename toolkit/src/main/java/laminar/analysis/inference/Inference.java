package laminar.analysis.inference;

import java.util.Map;

/**
 * The inference of a run: per statistic the permutation p-values (raw, family-wise, FDR) and bootstrap intervals.
 *
 * @param statistics in {@link Statistic} order
 */
public record Inference(int permutations, int bootstrap, long seed, Alternative alternative,
                        Map<Statistic, StatisticInference> statistics) {

    /** The family-wise level at which the figures and the report mark a cell significant. */
    public static final double ALPHA = 0.05;

    /**
     * Whether a cell is marked significant: p_FWER ≤ {@link #ALPHA}, the rule the README gives for reporting (an
     * undefined p, NaN, never is). Every figure and the report call this one rule.
     */
    public static boolean significant(double pFwer) {
        return pFwer <= ALPHA;
    }

    /** One statistic's inference. */
    public StatisticInference of(Statistic s) {
        return statistics.get(s);
    }
}
