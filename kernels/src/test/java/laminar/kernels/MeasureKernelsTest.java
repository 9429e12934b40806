package laminar.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The measures, standardizations, rank comparisons and CKA against direct O(n²) computations from definitions. */
class MeasureKernelsTest {

    private final KernelBackend java = new JavaKernels();

    private static float[] random(Random rnd, int len, int levels) {
        float[] v = new float[len];
        for (int i = 0; i < len; i++) {
            v[i] = levels > 0 ? rnd.nextInt(levels) : (float) rnd.nextGaussian();
        }
        return v;
    }

    /** Kendall's τa from its definition: every pair, concordant − discordant over m(m−1)/2. */
    private static double directTauA(float[] x, float[] y) {
        long s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                s += (long) Math.signum(x[i] - x[j]) * (long) Math.signum(y[i] - y[j]);
            }
        }
        return s / (x.length * (x.length - 1) / 2.0);
    }

    /** Average ranks by counting: rank = 1 + #smaller + (#equal − 1)/2. */
    private static double[] directRanks(float[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int less = 0;
            int equal = 0;
            for (float w : v) {
                less += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            r[i] = 1 + less + (equal - 1) / 2.0;
        }
        return r;
    }

    @Test
    void kendallTauAEqualsTheDirectCountWithAndWithoutTies() {
        Random rnd = new Random(13);
        for (int levels : new int[] {0, 2, 3, 7}) {
            for (int len : new int[] {2, 3, 17, 200}) {
                float[] x = random(rnd, len, levels);
                float[] y = random(rnd, len, levels == 0 ? 5 : 0);
                assertEquals(directTauA(x, y), RankCorrelation.kendallTauA(x, y), 1e-12, levels + "/" + len);
                assertEquals(directTauA(x, x), RankCorrelation.kendallTauA(x, x), 1e-12);
            }
        }
        assertEquals(1.0, RankCorrelation.kendallTauA(new float[] {1, 2, 3}, new float[] {-5, 0, 9}), 0);
        assertEquals(-1.0, RankCorrelation.kendallTauA(new float[] {1, 2, 3}, new float[] {9, 0, -5}), 0);
        assertTrue(Double.isNaN(RankCorrelation.kendallTauA(new float[] {1, Float.NaN}, new float[] {1, 2})));
    }

    @Test
    void spearmanIsPearsonOfAverageRanks() {
        Random rnd = new Random(14);
        float[] x = random(rnd, 300, 9);
        float[] y = random(rnd, 300, 0);
        assertEquals(RankCorrelation.pearson(directRanks(x), directRanks(y)), RankCorrelation.spearman(x, y), 1e-12);
        float[] z = {0.0f, -0.0f, 1f};
        assertEquals(RankCorrelation.pearson(new double[] {1.5, 1.5, 3}, new double[] {1, 2, 3}),
                RankCorrelation.spearman(z, new float[] {1, 2, 3}), 1e-15, "-0.0 ties with 0.0");
    }

    @Test
    void pearsonComparisonIsTheRsaKernelAndCategoryFitUsesTheBinaryModel() {
        Random rnd = new Random(15);
        int n = 12;
        float[] rows = random(rnd, 2 * n * 5, 0);
        float[] cos = java.cosineMatrices(rows, 2, n, 5);
        int[] first = {0};
        int[] second = {1};
        assertEquals(java.rsa(cos, 2, n, first, second)[0],
                java.compareMatrices(cos, 2, n, first, second, Compare.PEARSON)[0], 0);
        float[] a = TriangleComparisons.triangle(cos, 0, n);
        float[] b = TriangleComparisons.triangle(cos, 1, n);
        assertEquals(directTauA(a, b), java.compareMatrices(cos, 2, n, first, second, Compare.KENDALL_TAU_A)[0], 1e-12);
        int[] cat = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1};
        float[] model = new float[a.length];
        int at = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                model[at++] = cat[i] == cat[j] ? 1 : 0;
            }
        }
        for (Compare c : Compare.values()) {
            double expected = c == Compare.KENDALL_TAU_A ? directTauA(a, model)
                    : RankCorrelation.pearson(c == Compare.SPEARMAN ? directRanks(a) : toDouble(a),
                    c == Compare.SPEARMAN ? directRanks(model) : toDouble(model));
            assertEquals(expected, java.categoryFit(cos, 2, n, cat, c)[0], 1e-9, c.label());
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** Rows of matrix b standardized by hand, in double. */
    private static double[][] standardizedDirect(float[] rows, int b, int n, int d, Standardize s) {
        double[][] x = new double[n][d];
        for (int k = 0; k < d; k++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += rows[(b * n + i) * d + k];
            }
            mean /= n;
            double var = 0;
            for (int i = 0; i < n; i++) {
                var += Math.pow(rows[(b * n + i) * d + k] - mean, 2);
            }
            double sd = Math.sqrt(var / n);
            for (int i = 0; i < n; i++) {
                double v = rows[(b * n + i) * d + k];
                x[i][k] = switch (s) {
                    case NONE -> v;
                    case CENTER -> v - mean;
                    case ZSCORE -> (v - mean) / sd;
                };
            }
        }
        return x;
    }

    @Test
    void everyMeasureUnderEveryStandardizationMatchesItsDefinition() {
        Random rnd = new Random(16);
        int m = 2;
        int n = 9;
        int d = 13;
        float[] rows = random(rnd, m * n * d, 0);
        for (int i = 0; i < rows.length; i++) {
            rows[i] += (i % d == 3) ? 20f : 0f; // an outlier dimension, as in GPT-2
        }
        for (Standardize s : Standardize.values()) {
            for (Measure measure : Measure.values()) {
                float[] got = java.similarityMatrices(rows, m, n, d, measure, s);
                for (int b = 0; b < m; b++) {
                    double[][] x = standardizedDirect(rows, b, n, d, s);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double expected = switch (measure) {
                                case COSINE -> dot(x[i], x[j]) / Math.sqrt(dot(x[i], x[i]) * dot(x[j], x[j]));
                                case CORRELATION -> pearson(x[i], x[j]);
                                case EUCLIDEAN -> -Math.sqrt(squaredDistance(x[i], x[j]));
                            };
                            assertEquals(expected, got[(b * n + i) * n + j], 2e-5 * Math.max(1, Math.abs(expected)),
                                    measure + "/" + s + " at " + i + "," + j);
                        }
                    }
                }
            }
        }
        assertEquals(java.cosineMatrices(rows, m, n, d)[5],
                java.similarityMatrices(rows, m, n, d, Measure.COSINE, Standardize.NONE)[5], 0, "default is cosine");
    }

    @Test
    void linearCkaEqualsTheDefiningFormula() {
        Random rnd = new Random(17);
        int n = 10;
        int d = 7;
        float[] rows = random(rnd, 3 * n * d, 0);
        for (int i = n * d; i < 2 * n * d; i++) {
            rows[i] = 0.5f * rows[i - n * d] + 0.2f * rows[i]; // correlated with matrix 0
        }
        float[] v = java.ckaVectors(rows, 3, n, d);
        int len = n * (n + 1) / 2;
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double expected = directCka(rows, a, b, n, d);
                assertEquals(expected, KernelBackend.ckaDot(v, a * len, v, b * len, len), 1e-6, a + "," + b);
            }
        }
        assertEquals(1.0, KernelBackend.ckaDot(v, 0, v, 0, len), 1e-6);
    }

    /** CKA = <HKH, HLH>_F / (‖HKH‖_F ‖HLH‖_F) with K = XXᵀ, H = I − 11ᵀ/n, all n × n in double. */
    private static double directCka(float[] rows, int a, int b, int n, int d) {
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

    private static double[][] centredGram(float[] rows, int b, int n, int d) {
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int f = 0; f < d; f++) {
                    k[i][j] += (double) rows[(b * n + i) * d + f] * rows[(b * n + j) * d + f];
                }
            }
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] = (i == j ? 1.0 : 0.0) - 1.0 / n;
            }
        }
        return multiply(multiply(h, k), h);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return s;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int k = 0; k < a.length; k++) {
            ma += a[k] / a.length;
            mb += b[k] / b.length;
        }
        double[] ca = new double[a.length];
        double[] cb = new double[b.length];
        for (int k = 0; k < a.length; k++) {
            ca[k] = a[k] - ma;
            cb[k] = b[k] - mb;
        }
        return dot(ca, cb) / Math.sqrt(dot(ca, ca) * dot(cb, cb));
    }

    @Test
    void unknownNamesAreRefusedWithTheValidOnes() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Measure.parse("manhattan")).getMessage()
                .contains("cosine, correlation or euclidean"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Compare.parse("tau-b")).getMessage()
                .contains("kendall-tau-a"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Standardize.parse("minmax")).getMessage()
                .contains("zscore"));
        assertEquals(Compare.KENDALL_TAU_A, Compare.parse("kendall-tau-a"));
    }
}
