package laminar.analysis;

import laminar.stimuli.WordList;

/**
 * Everything the notebook computes, for one set of activations.
 *
 * @param words the stimuli
 * @param nLayers number of layers
 * @param layer the layer shown in the single-layer parts (2a, 3, 5)
 * @param measures the measure options, category-model fit and CKA (null where made without them)
 */
public record LaminarResults(WordList words, int nLayers, int layer,
                             Part1Masks part1, Part2Correlations part2, Part3Similarity part3,
                             Part4LaminarRsa part4, Part5LayerSelectivity part5,
                             Part6LaminarSelectivity part6, Part7FisherZ part7, MeasureResults measures) {

    /** The notebook's parts alone (no {@link MeasureResults}). */
    public LaminarResults(WordList words, int nLayers, int layer, Part1Masks part1, Part2Correlations part2,
                          Part3Similarity part3, Part4LaminarRsa part4, Part5LayerSelectivity part5,
                          Part6LaminarSelectivity part6, Part7FisherZ part7) {
        this(words, nLayers, layer, part1, part2, part3, part4, part5, part6, part7, null);
    }
}
