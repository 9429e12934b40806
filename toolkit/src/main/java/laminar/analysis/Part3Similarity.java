package laminar.analysis;

/**
 * Part 3 of the notebook, for one layer: the cosine-similarity matrices of Q, K and V at the last token (3a) and
 * the RSA r values between their upper triangles (3b).
 *
 * @param layer the layer
 * @param cosine {@code [Q, K, V]} row-major {@code n × n} matrices
 * @param rsa {@code [QK, QV, KV]}
 */
public record Part3Similarity(int layer, int n, float[][] cosine, double[] rsa) {

    static Part3Similarity from(LaminarPass pass, int n) {
        return new Part3Similarity(pass.layer(), n, pass.cosine(), pass.rsa()[pass.layer()]);
    }

    /** The strict upper triangle (row-major, as {@code np.triu_indices(n, 1)}) of matrix {@code k}. */
    public float[] upperTriangle(int k) {
        float[] out = new float[n * (n - 1) / 2];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                out[at++] = cosine[k][i * n + j];
            }
        }
        return out;
    }
}
