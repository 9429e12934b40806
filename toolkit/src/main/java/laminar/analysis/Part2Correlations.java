package laminar.analysis;

import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.model.TokenPosition;

/**
 * Part 2 of the notebook: Pearson r between the flattened Q, K and V activations of all words at one token
 * position (the notebook uses position 1), for every layer (2b) and shown for one layer (2a).
 *
 * @param position the token position correlated
 * @param layer the layer shown in 2a
 * @param byLayer {@code [layer][QK, QV, KV]}
 */
public record Part2Correlations(TokenPosition position, int layer, double[][] byLayer) {

    /** The three r values of the chosen layer (Part 2a's titles). */
    public double[] chosen() {
        return byLayer[layer];
    }

    /** Computes the correlations for all layers, batched over layers as memory allows. */
    public static Part2Correlations compute(Activations acts, KernelBackend kernels, TokenPosition position, int layer) {
        int n = acts.nWords();
        int d = acts.nEmbd();
        int len = n * d;
        double[][] byLayer = new double[acts.nLayers()][];
        for (LayerChunk chunk : LayerChunk.split(acts.nLayers(), 2L * 3 * len)) {
            int m = 3 * chunk.size();
            float[] a = new float[m * len];
            float[] b = new float[m * len];
            for (int c = 0; c < chunk.size(); c++) {
                int l = chunk.first() + c;
                float[] q = acts.rows(l, Qkv.Q, position);
                float[] k = acts.rows(l, Qkv.K, position);
                float[] v = acts.rows(l, Qkv.V, position);
                System.arraycopy(q, 0, a, (3 * c) * len, len);
                System.arraycopy(k, 0, b, (3 * c) * len, len);
                System.arraycopy(q, 0, a, (3 * c + 1) * len, len);
                System.arraycopy(v, 0, b, (3 * c + 1) * len, len);
                System.arraycopy(k, 0, a, (3 * c + 2) * len, len);
                System.arraycopy(v, 0, b, (3 * c + 2) * len, len);
            }
            double[] r = kernels.pearson(a, b, m, len);
            for (int c = 0; c < chunk.size(); c++) {
                byLayer[chunk.first() + c] = java.util.Arrays.copyOfRange(r, 3 * c, 3 * c + 3);
            }
        }
        return new Part2Correlations(position, layer, byLayer);
    }
}
