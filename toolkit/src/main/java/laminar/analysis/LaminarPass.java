package laminar.analysis;

import laminar.kernels.GroupMoments;
import laminar.kernels.KernelBackend;
import laminar.kernels.TripleResampling;
import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.model.TokenPosition;

/**
 * One pass over the layers that computes each layer's Q, K and V cosine-similarity matrices once and reduces them
 * for every part that needs them: RSA (Parts 3b, 4), within/across moments (Part 6) and the same after Fisher-z
 * (Part 7b). Only the chosen layer's matrices are kept (Parts 3a, 5), so memory does not grow with the layer
 * count. The notebook recomputes the matrices in Parts 3, 4, 5 and 6.
 *
 * @param layer the chosen layer
 * @param cosine the chosen layer's {@code [Q, K, V]} matrices, {@code n × n} each
 * @param rsa {@code [layer][QK, QV, KV]}
 * @param moments {@code [layer][Q, K, V]} within/across moments of the cosine similarities
 * @param fisherMoments the same after Fisher-z (NaN moments where Fisher-z does not apply, see
 *                      {@link MeasureOptions#fisherZApplies})
 * @param measures the category-model fit and linear CKA
 */
record LaminarPass(int layer, float[][] cosine, double[][] rsa, GroupMoments[][] moments,
                   GroupMoments[][] fisherMoments, MeasureResults measures) {


    private static final GroupMoments NOT_APPLICABLE = new GroupMoments(0, Double.NaN, 0, 0, Double.NaN, 0);

    /**
     * The matrices under {@code options} (the notebook's cosine and Pearson with {@link MeasureOptions#NOTEBOOK}).
     * The name "cosine" of the fields and of the listener's argument stays: they hold the chosen measure.
     */
    static LaminarPass run(Activations acts, int[] categories, KernelBackend kernels, int layer,
                           CosineChunkListener listener, MeasureOptions options) {
        int n = acts.nWords();
        int d = acts.nEmbd();
        return run(n, acts.nLayers(), 3L * n * Math.max(d, n), categories, kernels, layer, listener, options, chunk -> {
            float[] rows = rows(acts, chunk);
            return new ChunkMatrices(kernels.similarityMatrices(rows, 3 * chunk.size(), n, d, options.measure(),
                    options.standardize()), rows, d);
        });
    }

    /**
     * A chunk's similarity matrices ({@code [layer][Q, K, V]}, {@code n × n} each) and the rows they were made from
     * (for CKA; null when the matrices come from elsewhere, e.g. averaged across templates: CKA is then NaN here).
     */
    record ChunkMatrices(float[] matrices, float[] rows, int d) {
    }

    /** Where each chunk's matrices come from. */
    interface MatrixSource {
        ChunkMatrices of(LayerChunk chunk);
    }

    /** The last token's Q, K and V rows of every layer of {@code chunk}, {@code [layer][Q, K, V][word][feature]}. */
    static float[] rows(Activations acts, LayerChunk chunk) {
        int n = acts.nWords();
        int d = acts.nEmbd();
        float[] rows = new float[3 * chunk.size() * n * d];
        for (int c = 0; c < chunk.size(); c++) {
            for (Qkv kind : Qkv.values()) {
                float[] r = acts.rows(chunk.first() + c, kind, TokenPosition.LAST);
                System.arraycopy(r, 0, rows, (3 * c + kind.ordinal()) * n * d, n * d);
            }
        }
        return rows;
    }

    /**
     * The reductions of every part on matrices from {@code source}, chunked so a chunk's input stays under
     * {@link LayerChunk#MAX_FLOATS} at {@code floatsPerLayer}.
     */
    static LaminarPass run(int n, int layers, long floatsPerLayer, int[] categories, KernelBackend kernels, int layer,
                           CosineChunkListener listener, MeasureOptions options, MatrixSource source) {
        double[][] rsa = new double[layers][];
        GroupMoments[][] moments = new GroupMoments[layers][];
        GroupMoments[][] fisher = new GroupMoments[layers][];
        double[][] fit = new double[layers][];
        CkaMaps ckaMaps = options.cka() ? new CkaMaps(layers, n) : null;
        float[][] chosen = null;
        // CKA's Gram route makes its own centred copy, cosine pass and vectors per batch: as much again per layer
        int multiple = listener == null ? 1 : listener.layerMultiple();
        for (LayerChunk chunk : LayerChunk.split(layers, options.cka() ? 2 * floatsPerLayer : floatsPerLayer,
                multiple)) {
            int m = 3 * chunk.size();
            int[] first = TripleResampling.firsts(chunk.size());
            int[] second = TripleResampling.seconds(chunk.size());
            ChunkMatrices made = source.of(chunk);
            float[] cos = made.matrices();
            double[] r = kernels.compareMatrices(cos, m, n, first, second, options.compare());
            GroupMoments[] raw = kernels.groupMoments(cos, m, n, categories, false);
            GroupMoments[] fz = options.fisherZApplies() ? kernels.groupMoments(cos, m, n, categories, true) : null;
            double[] fits = kernels.categoryFit(cos, m, n, categories, options.compare());
            if (ckaMaps != null && made.rows() != null) {
                ckaMaps.add(chunk.first(), chunk.size(), made.rows(), made.d(), kernels);
            }
            if (listener != null) {
                listener.accept(chunk.first(), chunk.size(), cos);
            }
            for (int c = 0; c < chunk.size(); c++) {
                int l = chunk.first() + c;
                rsa[l] = java.util.Arrays.copyOfRange(r, 3 * c, 3 * c + 3);
                moments[l] = java.util.Arrays.copyOfRange(raw, 3 * c, 3 * c + 3);
                fisher[l] = fz == null ? new GroupMoments[] {NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE}
                        : java.util.Arrays.copyOfRange(fz, 3 * c, 3 * c + 3);
                fit[l] = java.util.Arrays.copyOfRange(fits, 3 * c, 3 * c + 3);
                if (l == layer) {
                    chosen = new float[3][];
                    for (int k = 0; k < 3; k++) {
                        chosen[k] = java.util.Arrays.copyOfRange(cos, (3 * c + k) * n * n, (3 * c + k + 1) * n * n);
                    }
                }
            }
        }
        // CKA: none with --no-cka; NaN without rows (matrices averaged across templates); else values and maps
        CkaMaps.Result cka = ckaMaps == null ? null : ckaMaps.finish(kernels);
        return new LaminarPass(layer, chosen, rsa, moments, fisher, new MeasureResults(options, fit,
                cka == null ? null : cka.within(), cka == null ? null : cka.maps()));
    }
}
