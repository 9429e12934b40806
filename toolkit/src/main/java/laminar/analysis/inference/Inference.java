package laminar.analysis.inference;

import java.util.Map;

/**
 * The inference of a run: per statistic the permutation p-values (raw, family-wise, FDR) and bootstrap intervals.
 *
 * @param statistics in {@link Statistic} order
 */
public record Inference(int permutations, int bootstrap, long seed, Alternative alternative,
                        Map<Statistic, StatisticInference> statistics) {

    /** One statistic's inference. */
    public StatisticInference of(Statistic s) {
        return statistics.get(s);
    }
}
