package laminar.analysis;

import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.TokenPosition;
import laminar.stimuli.WordList;

/**
 * Runs the notebook's Parts 1–7 on a set of activations.
 *
 * <pre>{@code
 * LaminarResults r = LaminarAnalysis.run(acts, WordList.notebook(), 6, new TokenPosition.FromStart(1), 0,
 *         Backends.get("java"));
 * double[] rsaOfLayer6 = r.part4().rsa()[6];
 * }</pre>
 */
public final class LaminarAnalysis {

    private LaminarAnalysis() {
    }

    /**
     * @param acts the activations (their words must be {@code words}, in the same order)
     * @param layer the layer of the single-layer parts (2a, 3, 5)
     * @param corrPosition the token position of Part 2's correlations (the notebook: index 1)
     * @param seed the seed of Part 7a's draw
     */
    public static LaminarResults run(Activations acts, WordList words, int layer, TokenPosition corrPosition,
                                     long seed, KernelBackend kernels) {
        return run(acts, words, layer, corrPosition, seed, kernels, null);
    }

    /**
     * As {@link #run(Activations, WordList, int, TokenPosition, long, KernelBackend)}, showing every batch of cosine
     * matrices to {@code listener} (null for none), e.g. a {@code laminar.analysis.inference.InferencePass}.
     */
    public static LaminarResults run(Activations acts, WordList words, int layer, TokenPosition corrPosition,
                                     long seed, KernelBackend kernels, CosineChunkListener listener) {
        return run(acts, words, layer, corrPosition, seed, kernels, listener, MeasureOptions.NOTEBOOK);
    }

    /**
     * As {@link #run(Activations, WordList, int, TokenPosition, long, KernelBackend, CosineChunkListener)} under the
     * given measure, standardization and comparison; the parts keep their meaning with "similarity" read as the
     * chosen measure ({@link MeasureOptions}).
     */
    public static LaminarResults run(Activations acts, WordList words, int layer, TokenPosition corrPosition,
                                     long seed, KernelBackend kernels, CosineChunkListener listener,
                                     MeasureOptions options) {
        if (!acts.words().equals(words.texts())) {
            throw new laminar.LaminarException("the activations are for other words than the word list"
                    + " (same words in the same order needed)");
        }
        if (layer < 0 || layer >= acts.nLayers()) {
            throw new laminar.LaminarException("layer " + layer + " is out of range: the activations have "
                    + acts.nLayers() + " layers (0.." + (acts.nLayers() - 1) + ")");
        }
        Part2Correlations part2 = Part2Correlations.compute(acts, kernels, corrPosition, layer);
        LaminarPass pass = LaminarPass.run(acts, words.categoryCodes(), kernels, layer, listener, options);
        return assemble(words, acts.nLayers(), part2, pass, seed, pass.measures());
    }

    /** Parts 1 and 3–7 from a pass over the matrices, with Part 2 and the measures given. */
    static LaminarResults assemble(WordList words, int nLayers, Part2Correlations part2, LaminarPass pass, long seed,
                                   MeasureResults measures) {
        Part1Masks part1 = Part1Masks.of(words.categoryCodes());
        Part3Similarity part3 = Part3Similarity.from(pass, words.size());
        Part4LaminarRsa part4 = Part4LaminarRsa.from(pass);
        Part5LayerSelectivity part5 = Part5LayerSelectivity.from(part3, part1);
        Part6LaminarSelectivity part6 = Part6LaminarSelectivity.from(pass.moments(), false);
        Part7FisherZ part7 = new Part7FisherZ(Part7aIllustration.draw(seed),
                Part6LaminarSelectivity.from(pass.fisherMoments(), true));
        return new LaminarResults(words, nLayers, pass.layer(), part1, part2, part3, part4, part5, part6, part7,
                measures);
    }
}
