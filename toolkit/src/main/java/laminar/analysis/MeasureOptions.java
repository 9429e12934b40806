package laminar.analysis;

import laminar.kernels.Compare;
import laminar.kernels.Measure;
import laminar.kernels.Standardize;

import java.util.Objects;

/**
 * The RSA choices of a run: the word × word measure, the standardization of the features before it, and how two
 * matrices' upper triangles are compared (Parts 3b, 4 and the category-model fit).
 */
public record MeasureOptions(Measure measure, Standardize standardize, Compare compare, boolean cka) {

    /** The notebook's choices: cosine of the raw activations, Pearson of the upper triangles (and linear CKA). */
    public static final MeasureOptions NOTEBOOK = new MeasureOptions(Measure.COSINE, Standardize.NONE, Compare.PEARSON);

    /**
     * @param cka whether linear CKA (within layers and the layer × layer maps) is computed: it costs about one more
     *            cosine pass over every layer ({@code --no-cka} turns it off; the measures are then null)
     */
    public MeasureOptions {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(standardize, "standardize");
        Objects.requireNonNull(compare, "compare");
    }

    /** The choices with linear CKA computed. */
    public MeasureOptions(Measure measure, Standardize standardize, Compare compare) {
        this(measure, standardize, compare, true);
    }

    /** The same choices with linear CKA on or off. */
    public MeasureOptions withCka(boolean on) {
        return new MeasureOptions(measure, standardize, compare, on);
    }

    /** Whether the matrices are the notebook's cosine similarities of the raw activations (as report.html shows). */
    public boolean notebookSimilarity() {
        return measure == Measure.COSINE && standardize == Standardize.NONE;
    }

    /**
     * Whether Part 7's Fisher-z applies: it maps a correlation-like value in [−1, 1] to z, which a negative distance
     * is not, so under Euclidean Part 7b is not computed (NaN, {@code null} in results.json).
     */
    public boolean fisherZApplies() {
        return measure != Measure.EUCLIDEAN;
    }
}
