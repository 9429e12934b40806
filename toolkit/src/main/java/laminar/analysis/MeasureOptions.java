package laminar.analysis;

import laminar.kernels.Compare;
import laminar.kernels.Measure;
import laminar.kernels.Standardize;

import java.util.Objects;

/**
 * The RSA choices of a run: the word × word measure, the standardization of the features before it, and how two
 * matrices' upper triangles are compared (Parts 3b, 4 and the category-model fit).
 */
public record MeasureOptions(Measure measure, Standardize standardize, Compare compare) {

    /** The notebook's choices: cosine of the raw activations, Pearson of the upper triangles. */
    public static final MeasureOptions NOTEBOOK = new MeasureOptions(Measure.COSINE, Standardize.NONE, Compare.PEARSON);

    public MeasureOptions {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(standardize, "standardize");
        Objects.requireNonNull(compare, "compare");
    }

    /**
     * Whether Part 7's Fisher-z applies: it maps a correlation-like value in [−1, 1] to z, which a negative distance
     * is not, so under Euclidean Part 7b is not computed (NaN, {@code null} in results.json).
     */
    public boolean fisherZApplies() {
        return measure != Measure.EUCLIDEAN;
    }
}
