package laminar.analysis;

import laminar.kernels.Backends;
import laminar.kernels.KernelBackend;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Both CKA routes against linear CKA computed from its definition (centred Gram matrices, double). */
class CkaMapsTest {

    /** The specs' tolerance for CKA (float32 unit vectors, ~1e-7 per entry). */
    private static final double CKA = 1e-5;

    /** {@code [layer][Q, K, V][n][d]} random rows with shared structure across layers and one constant feature. */
    private static float[] rows(int layers, int n, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] shared = new float[n * d];
        for (int t = 0; t < shared.length; t++) {
            shared[t] = (float) rnd.nextGaussian();
        }
        float[] rows = new float[layers * 3 * n * d];
        for (int b = 0; b < layers * 3; b++) {
            double mix = 0.2 + 0.1 * b;
            for (int t = 0; t < n * d; t++) {
                rows[b * n * d + t] = (float) (mix * shared[t] + rnd.nextGaussian() + 0.5);
            }
            for (int i = 0; i < n; i++) {
                rows[b * n * d + i * d + d - 1] = 3f; // constant across words: centred to zero (cosine NaN)
            }
        }
        return rows;
    }

    /** CKA of matrices a and b of {@code rows} from the definition: {@code <K_a, K_b> / (|K_a| |K_b|)}, K = HXXᵀH. */
    private static double definition(float[] rows, int a, int b, int n, int d) {
        double[][] ka = centredGram(rows, a, n, d);
        double[][] kb = centredGram(rows, b, n, d);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                ab += ka[i][j] * kb[i][j];
                aa += ka[i][j] * ka[i][j];
                bb += kb[i][j] * kb[i][j];
            }
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double[][] centredGram(float[] rows, int m, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < d; f++) {
                mean[f] += rows[(m * n + i) * d + f] / (double) n;
            }
        }
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int f = 0; f < d; f++) {
                    k[i][j] += (rows[(m * n + i) * d + f] - mean[f]) * (rows[(m * n + j) * d + f] - mean[f]);
                }
            }
        }
        return k;
    }

    @Test
    void bothRoutesGiveTheDefinitionsWithinLayerValuesAndLayerMaps() throws Exception {
        int layers = 4;
        int n = 23;
        int d = 6;
        float[] rows = rows(layers, n, d, 38);
        try (KernelBackend k = Backends.get("java")) {
            for (boolean features : new boolean[] {false, true}) {
                CkaMaps maps = new CkaMaps(layers, n, features);
                // two batches, as the pass hands them over: layers 0-2, then 3
                maps.add(0, 3, java.util.Arrays.copyOfRange(rows, 0, 9 * n * d), d, k);
                maps.add(3, 1, java.util.Arrays.copyOfRange(rows, 9 * n * d, 12 * n * d), d, k);
                CkaMaps.Result r = maps.finish(k);
                int[][] pairs = {{0, 1}, {0, 2}, {1, 2}};
                for (int l = 0; l < layers; l++) {
                    for (int p = 0; p < 3; p++) {
                        assertThat(r.within()[l][p]).as("features=%s layer %d pair %d", features, l, p)
                                .isCloseTo(definition(rows, 3 * l + pairs[p][0], 3 * l + pairs[p][1], n, d),
                                        within(CKA));
                    }
                }
                for (int kind = 0; kind < 3; kind++) {
                    for (int a = 0; a < layers; a++) {
                        for (int b = 0; b < layers; b++) {
                            assertThat(r.maps()[kind][a][b]).as("features=%s kind %d %d x %d", features, kind, a, b)
                                    .isCloseTo(definition(rows, 3 * a + kind, 3 * b + kind, n, d), within(CKA));
                        }
                    }
                }
            }
        }
    }

    @Test
    void withoutRowsThereAreNoMapsAndTheValuesAreNaN() throws Exception {
        try (KernelBackend k = Backends.get("java")) {
            CkaMaps.Result r = new CkaMaps(2, 5).finish(k);
            assertThat(r.maps()).isNull();
            assertThat(r.within()[1]).containsExactly(Double.NaN, Double.NaN, Double.NaN);
        }
    }

    @Test
    void theRouteThatHoldsFewerFloatsIsChosen() {
        // 10,000 words x d = 64 x 12 layers: Gram vectors 7.2 GB, centred rows + cross products ~0.25 GB
        assertThat(CkaMaps.featuresSmaller(12, 10_000, 64)).isTrue();
        assertThat(CkaMaps.featuresSmaller(12, 5_000, 64)).isTrue();
        // GPT-2 XL at 2,000 words and the notebook's 34 words: the Gram route (as before)
        assertThat(CkaMaps.featuresSmaller(48, 2_000, 1600)).isFalse();
        assertThat(CkaMaps.featuresSmaller(12, 34, 64)).isFalse();
        assertThat(CkaMaps.featuresSmaller(48, 34, 1600)).isFalse();
    }
}
