package laminar.analysis;

/**
 * What laminar adds to the notebook's parts under the chosen {@link MeasureOptions}: the category-model fit and
 * linear CKA.
 *
 * @param options the measure, standardization and comparison of the run
 * @param categoryFit {@code [layer][Q, K, V]}: comparison ({@code options.compare()}) of each matrix's upper
 *                    triangle with the categorical model (same category 1, different 0)
 * @param cka {@code [layer][QK, QV, KV]}: linear CKA between the activations (last token, not standardized);
 *            null when not computed ({@code --no-cka})
 * @param ckaLayers {@code [Q, K, V][layer][layer]}: linear CKA between the layers; null when not computed
 */
public record MeasureResults(MeasureOptions options, double[][] categoryFit, double[][] cka, double[][][] ckaLayers) {
}
