package laminar.analysis.inference;

import laminar.analysis.MeasureOptions;
import laminar.analysis.PerHead;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.stimuli.WordList;

import java.util.List;
import java.util.function.Consumer;

/**
 * The inference of {@code --per-head}: the layer inference's tests run on every (layer, head) as a row of their
 * own, so the family is layers × heads × {Q, K, V} (for the RSA × {QK, QV, KV}): the same permutations for every
 * cell, the max-statistic p_FWER over all of them, Benjamini–Hochberg over all of them. It is an
 * {@link InferencePass} over {@code layers · heads} rows (row {@code layer · heads + head}), fed by
 * {@link PerHead#compute(Activations, WordList, int, int, KernelBackend, MeasureOptions,
 * laminar.analysis.CosineChunkListener)} batch by batch; this record reads its results back as
 * {@code [layer][head][3]}.
 *
 * @param layers layers of the model
 * @param heads query heads per layer
 * @param cells the inference, one row per (layer, head), layer-major
 */
public record HeadInference(int layers, int heads, Inference cells) {

    /** The statistics reported per head (the average has no test and is not shown per head). */
    public static final List<Statistic> STATISTICS = List.of(Statistic.SELECTIVITY_DIFF, Statistic.SELECTIVITY_T,
            Statistic.SELECTIVITY_FISHER_Z_T, Statistic.RSA);

    public HeadInference {
        if (cells.of(Statistic.RSA).observed().length != layers * heads) {
            throw new IllegalArgumentException("an inference of " + cells.of(Statistic.RSA).observed().length
                    + " rows is not one of " + layers + " layers x " + heads + " heads");
        }
    }

    /** The per-head values and, when {@code options} asks for any, their inference (else null). */
    public record Run(PerHead values, HeadInference inference, double inferenceSeconds) {
    }

    /**
     * {@link PerHead#compute} with the inference of every head, the permutations and resamples drawn from
     * {@code options.seed()} (the layers' draws: the same seed gives the same permutations).
     */
    public static Run run(Activations acts, WordList words, int heads, int kvHeads, KernelBackend kernels,
                          MeasureOptions measures, InferenceOptions options, Consumer<String> log) {
        return run(acts, words, heads, kvHeads, kernels, measures, options,
                new SeededDraws(options.seed(), words.categoryCodes()), log);
    }

    /** {@link #run} with the given draws. */
    public static Run run(Activations acts, WordList words, int heads, int kvHeads, KernelBackend kernels,
                          MeasureOptions measures, InferenceOptions options, Draws draws, Consumer<String> log) {
        if (!options.any()) {
            return new Run(PerHead.compute(acts, words, heads, kvHeads, kernels, measures), null, 0);
        }
        int layers = acts.nLayers();
        InferencePass pass = new InferencePass(kernels, words.categoryCodes(), layers * heads, options, draws, log)
                .comparing(measures.compare()).fisherZ(measures.fisherZApplies())
                .describing(layers + " layers x " + heads + " heads");
        PerHead values = PerHead.compute(acts, words, heads, kvHeads, kernels, measures, pass);
        return new Run(values, new HeadInference(layers, heads, pass.finish()), pass.seconds());
    }

    /** One statistic's inference over the cells. */
    public StatisticInference of(Statistic s) {
        return cells.of(s);
    }

    /** {@code [layer · heads + head][k]} as {@code [layer][head][k]}. */
    public double[][][] byHead(double[][] rows) {
        double[][][] out = new double[layers][heads][];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                out[l][h] = rows[l * heads + h].clone();
            }
        }
        return out;
    }

    /** {@code [layer · heads + head][k][2]} as {@code [layer][head][k][2]}. */
    public double[][][][] byHead(double[][][] rows) {
        double[][][][] out = new double[layers][heads][][];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                out[l][h] = rows[l * heads + h];
            }
        }
        return out;
    }

    /** The permutation counts {@code [layer][head][k]} (null without permutations). */
    public long[][][] counts(Statistic s) {
        long[][] rows = cells.of(s).count();
        if (rows == null) {
            return null;
        }
        long[][][] out = new long[layers][heads][];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                out[l][h] = rows[l * heads + h].clone();
            }
        }
        return out;
    }
}
