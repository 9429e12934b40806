package laminar.analysis;

import laminar.LaminarException;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.TokenPosition;
import laminar.stimuli.WordList;

import java.util.ArrayList;
import java.util.List;

/**
 * The notebook's parts over several sentence templates: each template's activations analysed alone, every part
 * again on the word × word matrices averaged across the templates, and the noise ceiling from their agreement.
 * Each template's matrices are made chunk by chunk of layers, so memory holds one chunk per template at a time.
 */
public final class TemplateAnalysis {

    private TemplateAnalysis() {
    }

    /**
     * @param templates the templates (two or more)
     * @param acts each template's activations, for {@code words} in the same order
     * @param listener sees the averaged matrices (e.g. the inference), null for none
     */
    public static TemplateResults run(List<String> templates, List<Activations> acts, WordList words, int layer,
                                      TokenPosition corrPosition, long seed, KernelBackend kernels,
                                      CosineChunkListener listener, MeasureOptions options) {
        int t = acts.size();
        if (t < 2 || templates.size() != t) {
            throw new LaminarException("several templates need two or more templates with their activations, got "
                    + templates.size() + " templates and " + t + " activations");
        }
        List<LaminarResults> per = new ArrayList<>();
        for (Activations a : acts) {
            if (a.nLayers() != acts.getFirst().nLayers()) {
                throw new LaminarException("the templates' activations have different layer counts");
            }
            per.add(LaminarAnalysis.run(a, words, layer, corrPosition, seed, kernels, null, options));
        }
        int n = words.size();
        int layers = acts.getFirst().nLayers();
        int d = acts.stream().mapToInt(Activations::nEmbd).max().orElseThrow();
        double[][][] ceiling = new double[layers][3][];
        // Per layer: every template's rows (one at a time) and matrices, their sum, and the comparison buffers.
        long perLayer = 3L * n * d + (t + 4L) * 3L * n * n;
        LaminarPass pass = LaminarPass.run(n, layers, perLayer, words.categoryCodes(), kernels, layer, listener,
                options, chunk -> {
                    int m = 3 * chunk.size();
                    float[][] each = new float[t][];
                    float[] sum = new float[m * n * n];
                    for (int s = 0; s < t; s++) {
                        Activations a = acts.get(s);
                        each[s] = kernels.similarityMatrices(LaminarPass.rows(a, chunk), m, n, a.nEmbd(),
                                options.measure(), options.standardize());
                        for (int j = 0; j < sum.length; j++) {
                            sum[j] += each[s][j];
                        }
                    }
                    NoiseCeiling.add(ceiling, chunk.first(), each, sum, m, n, kernels, options.compare());
                    float[] mean = new float[sum.length];
                    for (int j = 0; j < sum.length; j++) {
                        mean[j] = sum[j] / t;
                    }
                    return new LaminarPass.ChunkMatrices(mean, null, 0);
                });
        double[][] part2 = mean(per.stream().map(r -> r.part2().byLayer()).toList());
        MeasureResults m = pass.measures();
        boolean withCka = options.cka();
        double[][] cka = withCka ? mean(per.stream().map(r -> r.measures().cka()).toList()) : null;
        double[][][] ckaLayers = withCka ? new double[3][][] : null;
        for (int k = 0; withCka && k < 3; k++) {
            int kind = k;
            ckaLayers[k] = mean(per.stream().map(r -> r.measures().ckaLayers()[kind]).toList());
        }
        LaminarResults average = LaminarAnalysis.assemble(words, layers,
                new Part2Correlations(corrPosition, layer, part2), pass, seed,
                new MeasureResults(options, m.categoryFit(), cka, ckaLayers));
        return new TemplateResults(List.copyOf(templates), List.copyOf(per), average, ceiling);
    }

    /** The element-wise mean of equally shaped tables. */
    private static double[][] mean(List<double[][]> tables) {
        double[][] first = tables.getFirst();
        double[][] out = new double[first.length][];
        for (int i = 0; i < first.length; i++) {
            out[i] = new double[first[i].length];
            for (double[][] table : tables) {
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] += table[i][j] / tables.size();
                }
            }
        }
        return out;
    }
}
