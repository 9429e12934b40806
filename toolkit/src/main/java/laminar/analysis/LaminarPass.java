package laminar.analysis;

import laminar.kernels.GroupMoments;
import laminar.kernels.KernelBackend;
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
 * @param fisherMoments the same after Fisher-z
 */
record LaminarPass(int layer, float[][] cosine, double[][] rsa, GroupMoments[][] moments,
                   GroupMoments[][] fisherMoments) {

    private static final int[] FIRST = {0, 0, 1};
    private static final int[] SECOND = {1, 2, 2};

    static LaminarPass run(Activations acts, int[] categories, KernelBackend kernels, int layer,
                           CosineChunkListener listener) {
        int n = acts.nWords();
        int d = acts.nEmbd();
        int layers = acts.nLayers();
        double[][] rsa = new double[layers][];
        GroupMoments[][] moments = new GroupMoments[layers][];
        GroupMoments[][] fisher = new GroupMoments[layers][];
        float[][] chosen = null;
        long perLayer = 3L * n * Math.max(d, n);
        for (LayerChunk chunk : LayerChunk.split(layers, perLayer)) {
            int m = 3 * chunk.size();
            float[] rows = new float[m * n * d];
            int[] first = new int[m];
            int[] second = new int[m];
            for (int c = 0; c < chunk.size(); c++) {
                for (Qkv kind : Qkv.values()) {
                    float[] r = acts.rows(chunk.first() + c, kind, TokenPosition.LAST);
                    System.arraycopy(r, 0, rows, (3 * c + kind.ordinal()) * n * d, n * d);
                }
                for (int p = 0; p < 3; p++) {
                    first[3 * c + p] = 3 * c + FIRST[p];
                    second[3 * c + p] = 3 * c + SECOND[p];
                }
            }
            float[] cos = kernels.cosineMatrices(rows, m, n, d);
            double[] r = kernels.rsa(cos, m, n, first, second);
            GroupMoments[] raw = kernels.groupMoments(cos, m, n, categories, false);
            GroupMoments[] fz = kernels.groupMoments(cos, m, n, categories, true);
            if (listener != null) {
                listener.accept(chunk.first(), chunk.size(), cos);
            }
            for (int c = 0; c < chunk.size(); c++) {
                int l = chunk.first() + c;
                rsa[l] = java.util.Arrays.copyOfRange(r, 3 * c, 3 * c + 3);
                moments[l] = java.util.Arrays.copyOfRange(raw, 3 * c, 3 * c + 3);
                fisher[l] = java.util.Arrays.copyOfRange(fz, 3 * c, 3 * c + 3);
                if (l == layer) {
                    chosen = new float[3][];
                    for (int k = 0; k < 3; k++) {
                        chosen[k] = java.util.Arrays.copyOfRange(cos, (3 * c + k) * n * n, (3 * c + k + 1) * n * n);
                    }
                }
            }
        }
        return new LaminarPass(layer, chosen, rsa, moments, fisher);
    }
}
