package laminar.analysis;

import laminar.kernels.KernelBackend;

import java.util.stream.IntStream;

/**
 * Collects the layers' linear-CKA vectors (see {@link KernelBackend#ckaVectors}) during the laminar pass and makes
 * the layer × layer CKA maps of Q, K and V at the end. The vectors are float32, n(n+1)/2 per layer and matrix:
 * ≈1.15 GB for 48 layers at 2,000 words, the price of not recomputing the Gram matrices per layer pair.
 */
final class CkaMaps {

    private final float[][][] vectors; // [Q, K, V][layer][n(n+1)/2]
    private final int len;

    CkaMaps(int layers, int n) {
        this.vectors = new float[3][layers][];
        this.len = n * (n + 1) / 2;
    }

    /**
     * Takes a batch's vectors ({@code [layers][Q, K, V][len]}) and returns the batch's within-layer CKA
     * {@code [layer][QK, QV, KV]}.
     */
    double[][] add(int firstLayer, int layers, float[] batch) {
        double[][] within = new double[layers][];
        for (int c = 0; c < layers; c++) {
            for (int k = 0; k < 3; k++) {
                vectors[k][firstLayer + c] = java.util.Arrays.copyOfRange(batch, (3 * c + k) * len,
                        (3 * c + k + 1) * len);
            }
            float[][] v = {vectors[0][firstLayer + c], vectors[1][firstLayer + c], vectors[2][firstLayer + c]};
            within[c] = new double[] {cka(v[0], v[1]), cka(v[0], v[2]), cka(v[1], v[2])};
        }
        return within;
    }

    /** The layer × layer maps {@code [Q, K, V][layer][layer]} (symmetric). */
    double[][][] maps() {
        int layers = vectors[0].length;
        double[][][] out = new double[3][layers][layers];
        for (int k = 0; k < 3; k++) {
            float[][] v = vectors[k];
            double[][] map = out[k];
            IntStream.range(0, layers * layers).parallel().filter(p -> p / layers <= p % layers).forEach(p -> {
                int a = p / layers;
                int b = p % layers;
                double c = cka(v[a], v[b]);
                map[a][b] = c;
                map[b][a] = c;
            });
        }
        return out;
    }

    private double cka(float[] a, float[] b) {
        return KernelBackend.ckaDot(a, 0, b, 0, len);
    }
}
