package laminar.analysis;

import laminar.kernels.stats.FreedmanDiaconis;
import laminar.kernels.stats.Histogram;
import laminar.kernels.stats.StudentT;

/**
 * Part 5 of the notebook, for one layer: within- vs across-category cosine similarities of Q, K and V, their
 * Freedman–Diaconis density histograms and the selectivity t statistic (Student's t, pooled variance). A NaN
 * similarity (from a zero or non-finite activation row) makes t NaN and is left out of the histograms.
 *
 * @param layer the layer
 * @param t {@code [Q, K, V]}
 * @param within {@code [Q, K, V]} density histograms of the within-category similarities
 * @param across {@code [Q, K, V]} density histograms of the across-category similarities
 */
public record Part5LayerSelectivity(int layer, double[] t, Distribution[] within, Distribution[] across) {

    /** Within/across values of the layer's Q, K, V matrices (upper triangle, row-major as numpy's boolean indexing). */
    static Part5LayerSelectivity from(Part3Similarity part3, Part1Masks masks) {
        double[] t = new double[3];
        Distribution[] within = new Distribution[3];
        Distribution[] across = new Distribution[3];
        for (int k = 0; k < 3; k++) {
            float[] w = select(part3.cosine()[k], masks.within());
            float[] a = select(part3.cosine()[k], masks.across());
            t[k] = StudentT.pooled(w, a).t();
            // t is NaN when a similarity is NaN (scipy propagates it); the histograms show the defined ones.
            within[k] = density(FreedmanDiaconis.histogram(finite(w)));
            across[k] = density(FreedmanDiaconis.histogram(finite(a)));
        }
        return new Part5LayerSelectivity(part3.layer(), t, within, across);
    }

    /** The values where {@code mask} is true, in row-major order. */
    static float[] select(float[] matrix, boolean[] mask) {
        int count = 0;
        for (boolean b : mask) {
            count += b ? 1 : 0;
        }
        float[] out = new float[count];
        int at = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                out[at++] = matrix[i];
            }
        }
        return out;
    }

    /**
     * The finite values (all of them, in order, when every one is finite). A zero or non-finite activation row makes
     * its cosine similarities NaN; numpy's histogram would fail on them, laminar leaves them out of the picture.
     */
    static float[] finite(float[] values) {
        int count = 0;
        for (float v : values) {
            count += Float.isFinite(v) ? 1 : 0;
        }
        if (count == values.length) {
            return values;
        }
        float[] out = new float[count];
        int at = 0;
        for (float v : values) {
            if (Float.isFinite(v)) {
                out[at++] = v;
            }
        }
        return out;
    }

    private static Distribution density(Histogram h) {
        return new Distribution(h.edges(), h.density());
    }
}
