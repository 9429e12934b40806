package laminar.kernels.stats;

import java.util.Objects;
import laminar.kernels.GroupMoments;

/**
 * Category selectivity of one similarity matrix, the three numbers of the notebook's Part 6 ({@code selectTs}).
 *
 * @param difference within mean − across mean ({@code w.mean() - a.mean()})
 * @param t pooled-variance t of within versus across ({@code ttest_ind(w, a).statistic}); NaN when undefined,
 *          see {@link StudentT}
 * @param average (within mean + across mean) / 2
 */
public record Selectivity(double difference, double t, double average) {

    /** The selectivity of one matrix's within/across moments. */
    public static Selectivity of(GroupMoments g) {
        Objects.requireNonNull(g, "g");
        return new Selectivity(g.withinMean() - g.acrossMean(), StudentT.pooled(g).t(),
                (g.withinMean() + g.acrossMean()) / 2);
    }
}
