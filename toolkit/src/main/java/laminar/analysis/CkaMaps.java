package laminar.analysis;

import laminar.kernels.KernelBackend;

import java.util.stream.IntStream;

/**
 * Linear CKA during the laminar pass: the within-layer values (Q–K, Q–V, K–V) and, at the end, the layer × layer
 * maps of Q, K and V. Two routes to the same numbers (Frobenius products of centred Gram matrices):
 * <ul>
 *   <li><b>Gram</b> ({@link KernelBackend#ckaVectors}): per layer and matrix the unit vector of its centred Gram,
 *       n(n+1)/2 float32 values, kept for the maps: 1.15 GB for 48 layers at 2,000 words, but 600 MB <em>per
 *       layer</em> at 10,000 words, which filled the default heap at 12 layers (BENCHMARKS.md, "Scale").</li>
 *   <li><b>Features</b>: {@code <K_X, K_Y> = ||X_cᵀ Y_c||²_F} with X_c the column-centred n × d rows, so only the
 *       centred rows are kept (n·d per matrix, as large as the activations) and the d × d cross products come from
 *       one cosine call over the transposed rows of every matrix, ({@code 3·layers·d})² values.</li>
 * </ul>
 * The route that holds fewer floats is taken (Gram while {@code n(n+1)/2} is small against {@code d} and the layer
 * count, e.g. the notebook's 34 words; features when n is large against d); both accumulate in double.
 */
final class CkaMaps {

    private final int layers;
    private final int n;
    private final double[][] within; // [layer][QK, QV, KV]
    private Boolean features;        // the route, chosen at the first batch (when d is known)
    private float[][][] vectors;     // Gram route: [Q, K, V][layer][n(n+1)/2]
    private float[][] centred;       // feature route: [3·layer + kind][d·n], each matrix's centred rows transposed
    private double[][] norms;        // feature route: [3·layer + kind][d], the norms of those rows
    private int d;

    CkaMaps(int layers, int n) {
        this(layers, n, null);
    }

    /** @param features the route, or null to choose by memory */
    CkaMaps(int layers, int n, Boolean features) {
        this.layers = layers;
        this.n = n;
        this.features = features;
        this.within = new double[layers][];
    }

    /** Whether the feature route holds fewer floats than the Gram route for {@code layers} layers of n × d. */
    static boolean featuresSmaller(int layers, int n, int d) {
        double gram = 3.0 * layers * (n * (n + 1.0) / 2);
        double side = 3.0 * layers * d;
        // kept rows + their copy for the kernel call; the cosines (float) and cross products (double)
        return 2 * side * n + 3 * side * side < gram && side * side < Integer.MAX_VALUE - 8
                && side * n < Integer.MAX_VALUE - 8;
    }

    /** Takes a batch's rows {@code [layers][Q, K, V][n][d]} (last token, as the pass's matrices). */
    void add(int firstLayer, int count, float[] rows, int d, KernelBackend kernels) {
        if (features == null) {
            features = featuresSmaller(layers, n, d);
        }
        this.d = d;
        if (features) {
            if (centred == null) {
                centred = new float[3 * layers][];
                norms = new double[3 * layers][];
            }
            IntStream.range(0, 3 * count).parallel().forEach(b -> centre(rows, b, 3 * firstLayer + b));
            return;
        }
        if (vectors == null) {
            vectors = new float[3][layers][];
        }
        int len = n * (n + 1) / 2;
        float[] batch = kernels.ckaVectors(rows, 3 * count, n, d);
        for (int c = 0; c < count; c++) {
            int l = firstLayer + c;
            for (int k = 0; k < 3; k++) {
                vectors[k][l] = java.util.Arrays.copyOfRange(batch, (3 * c + k) * len, (3 * c + k + 1) * len);
            }
            within[l] = new double[] {gram(vectors[0][l], vectors[1][l]), gram(vectors[0][l], vectors[2][l]),
                    gram(vectors[1][l], vectors[2][l])};
        }
    }

    /** Whether any batch came with rows (otherwise there is no CKA: NaN values, no maps). */
    boolean any() {
        return features != null && (vectors != null || centred != null);
    }

    /**
     * The within-layer CKA {@code [layer][QK, QV, KV]} (NaN for layers without rows) and the layer × layer maps
     * {@code [Q, K, V][layer][layer]} (symmetric), once every batch was added.
     */
    Result finish(KernelBackend kernels) {
        double[][][] maps = any() ? new double[3][layers][layers] : null;
        if (maps == null) {
            // no rows: nothing to compare (within stays NaN below)
        } else if (features) {
            double[] cross = crossCosines(kernels);
            int side = 3 * layers * d;
            double[] self = new double[3 * layers];
            for (int mi = 0; mi < 3 * layers; mi++) {
                self[mi] = Math.sqrt(frobenius(cross, side, mi, mi));
            }
            for (int l = 0; l < layers; l++) {
                int q = 3 * l;
                within[l] = new double[] {cka(cross, side, self, q, q + 1), cka(cross, side, self, q, q + 2),
                        cka(cross, side, self, q + 1, q + 2)};
            }
            pairs().forEach(p -> {
                int a = p / layers;
                int b = p % layers;
                for (int k = 0; k < 3; k++) {
                    double c = cka(cross, side, self, 3 * a + k, 3 * b + k);
                    maps[k][a][b] = c;
                    maps[k][b][a] = c;
                }
            });
        } else {
            for (int k = 0; k < 3; k++) {
                float[][] v = vectors[k];
                double[][] map = maps[k];
                pairs().forEach(p -> {
                    int a = p / layers;
                    int b = p % layers;
                    double c = gram(v[a], v[b]);
                    map[a][b] = c;
                    map[b][a] = c;
                });
            }
        }
        for (int l = 0; l < layers; l++) {
            if (within[l] == null) {
                within[l] = new double[] {Double.NaN, Double.NaN, Double.NaN};
            }
        }
        return new Result(within, maps);
    }

    /** Within-layer CKA and the layer maps (null when no batch came with rows). */
    record Result(double[][] within, double[][][] maps) {
    }

    private IntStream pairs() {
        return IntStream.range(0, layers * layers).parallel().filter(p -> p / layers <= p % layers);
    }

    private double gram(float[] a, float[] b) {
        return KernelBackend.ckaDot(a, 0, b, 0, n * (n + 1) / 2);
    }

    /** Matrix {@code b} of {@code rows} centred over the words per feature, transposed ({@code [d][n]}). */
    private void centre(float[] rows, int b, int into) {
        int base = b * n * d;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                mean[f] += rows[base + i * d + f];
            }
        }
        float[] t = new float[d * n];
        double[] norm = new double[d];
        for (int f = 0; f < d; f++) {
            double m = mean[f] / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                float v = (float) (rows[base + i * d + f] - m);
                t[f * n + i] = v;
                ss += (double) v * v;
            }
            norm[f] = Math.sqrt(ss);
        }
        centred[into] = t;
        norms[into] = norm;
    }

    /** The cosines between all matrices' centred feature columns, ({@code 3·layers·d})², in one kernel call. */
    private double[] crossCosines(KernelBackend kernels) {
        int side = 3 * layers * d;
        float[] all = new float[side * n];
        for (int mi = 0; mi < 3 * layers; mi++) {
            System.arraycopy(centred[mi], 0, all, mi * d * n, d * n);
        }
        float[] cos = kernels.cosineMatrices(all, 1, side, n);
        double[] cross = new double[cos.length];
        IntStream.range(0, side).parallel().forEach(r -> {
            double nr = norms[r / d][r % d];
            for (int c = 0; c < side; c++) {
                double nc = norms[c / d][c % d];
                // X_fᵀ Y_g from its cosine and the norms; a constant feature (norm 0, cosine NaN) adds 0
                cross[r * side + c] = nr == 0 || nc == 0 ? 0.0 : cos[r * side + c] * nr * nc;
            }
        });
        return cross;
    }

    /** {@code ||X_aᵀ X_b||²_F} from the cross products of matrices a and b. */
    private double frobenius(double[] cross, int side, int a, int b) {
        double s = 0;
        for (int f = 0; f < d; f++) {
            int row = (a * d + f) * side + b * d;
            for (int g = 0; g < d; g++) {
                double v = cross[row + g];
                s += v * v;
            }
        }
        return s;
    }

    private double cka(double[] cross, int side, double[] self, int a, int b) {
        return frobenius(cross, side, a, b) / (self[a] * self[b]);
    }
}
