package laminar.specs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.analysis.inference.Alternative;
import laminar.analysis.inference.Draws;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.InferenceOptions;
import laminar.analysis.inference.InferencePass;
import laminar.analysis.inference.SeededDraws;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;
import laminar.kernels.JavaKernels;
import laminar.kernels.KernelBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inference (issue 11) against the independent reference {@code golden/inference_reference.py}: given the
 * reference's cosine matrices, permutations and resamples, laminar's counts and p-values (raw, max-statistic FWER,
 * BH) equal the reference's exactly, for both alternatives, whether the layers come in one batch or one by one;
 * intervals and standard errors equal up to rounding (see {@link #SHIFTED_RELATIVE}). On 8 words in 2 categories,
 * every relabelling enumerated gives the exact counts, and the Monte Carlo path converges to them.
 */
class InferenceSpec {

    /**
     * numpy's float32 arctanh and laminar's Fisher-z differ by an ulp on some values (≈ 6e-8 relative), which moves
     * a Fisher-z t by up to ~1e-7; counts and p-values are still equal (no permuted value that close).
     */
    private static final double FISHER_RELATIVE = 1e-6;

    /**
     * Observed values, intervals and standard errors (relative, with a floor of 1), both backends. laminar sums each
     * matrix minus its mean (laminar.analysis.inference.ShiftedMatrices), in float32: each shifted value is within
     * 2^-24 of |x − mean| of the exact difference (exact for x within a factor of 2 of the mean), below the cosines'
     * own float32 rounding for most values. The Java backend adds its float32 panel sums (each within
     * {@code RowDots.BOUND} ≈ 1.017e-6 of Σ|terms|, now of the shifted terms, whose one-pass variances cancel little),
     * the device backend sums in double. Measured on the reference data: worst 1.8e-8 (Java, an RSA interval
     * endpoint) and 1.6e-8 (device, a t's standard error); before the shift 1.5e-6 (Java, compared at 1e-5) and
     * 1e-9 or less (device). Counts and p-values stay exactly equal.
     */
    private static final double SHIFTED_RELATIVE = 1e-7;

    private static final JsonObject REF = read("reference.json");

    private static JsonObject read(String name) {
        Path file = Golden.root().resolve("values/inference/" + name);
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("run /usr/bin/python3 golden/inference_reference.py to make " + file, e);
        }
    }

    @ParameterizedTest(name = "{0} backend, {1}, batches of {2} layers")
    @MethodSource("cases")
    void equalsTheReference(String backend, String alternative, int batch) {
        KernelBackend kernels = kernels(backend);
        assertEqualsReference(run(kernels, REF, Alternative.parse(alternative), batch), REF, alternative);
    }

    /**
     * A layer whose Q, K and V have one value in every pair (laminar's ConstantMatrices): the reference's t, Fisher-z
     * t and RSA there are NaN (0/0), its difference 0 with p 1 and interval [0, 0]; NaN cells stay out of the family
     * maximum and BH, so the other layers' p_fwer and q are those of their own family.
     */
    @ParameterizedTest(name = "{0} backend")
    @MethodSource("backends")
    void aConstantLayerEqualsTheReference(String backend) {
        KernelBackend kernels = kernels(backend);
        JsonObject ref = read("degenerate-reference.json");
        Inference inf = run(kernels, ref, Alternative.GREATER, 2);
        assertEqualsReference(inf, ref, "greater");
        assertThat(inf.of(Statistic.SELECTIVITY_T).observed()[1]).as("the constant layer's t").containsOnly(Double.NaN);
    }

    /** laminar's inference on a reference file's matrices and draws, the layers given in batches of {@code batch}. */
    private static Inference run(KernelBackend kernels, JsonObject ref, Alternative alternative, int batch) {
        return run(kernels, ints(ref.getAsJsonArray("categories")), layers(ref.getAsJsonArray("cosine")),
                intRows(ref.getAsJsonArray("permutations")), intRows(ref.getAsJsonArray("resamples")), alternative,
                batch);
    }

    /**
     * Every statistic as the reference file's results: counts, p, p_fwer and q exactly (NaN where the reference's is),
     * observed values, intervals and standard errors to rounding.
     */
    private static void assertEqualsReference(Inference inf, JsonObject ref, String alternative) {
        JsonObject results = ref.getAsJsonObject("results");
        for (Statistic s : Statistic.values()) {
            JsonObject expected = results.getAsJsonObject(s.key());
            StatisticInference actual = inf.of(s);
            double tol = s == Statistic.SELECTIVITY_FISHER_Z_T ? FISHER_RELATIVE : SHIFTED_RELATIVE;
            assertClose(actual.observed(), Golden.doubles2(expected.getAsJsonArray("observed")), tol, s + " observed");
            if (s.tested()) {
                JsonObject alt = expected.getAsJsonObject(alternative);
                long[][] count = longs2(alt.getAsJsonArray("count"));
                for (int l = 0; l < count.length; l++) {
                    assertThat(actual.count()[l]).as(s + " counts, layer " + l).containsExactly(count[l]);
                }
                assertEqual(actual.p(), Golden.doubles2(alt.getAsJsonArray("p")), s + " p");
                assertEqual(actual.pFwer(), Golden.doubles2(alt.getAsJsonArray("p_fwer")), s + " p_fwer");
                assertEqual(actual.qFdr(), Golden.doubles2(alt.getAsJsonArray("q_fdr")), s + " q_fdr");
            }
            double[][][] ci = Golden.doubles3(expected.getAsJsonArray("ci95"));
            for (int l = 0; l < ci.length; l++) {
                assertClose(actual.ci95()[l], ci[l], tol, s + " ci95, layer " + l);
            }
            assertClose(actual.se(), Golden.doubles2(expected.getAsJsonArray("se")), tol, s + " se");
        }
    }

    static Object[][] cases() {
        return new Object[][] {{"java", "greater", 4}, {"java", "greater", 1}, {"java", "two-sided", 3},
                {LANES, "greater", 4}, {LANES, "two-sided", 3}, {"tornado", "greater", 4}, {"tornado", "two-sided", 1}};
    }

    /**
     * The Java backend with its lane layout at every n (JavaKernels#lanesFrom; by default it starts at 256 words, so
     * the reference's 34 and 8 words would otherwise check only the single calls).
     */
    static final String LANES = "java, lanes";

    static String[] backends() {
        return new String[] {"java", LANES, "tornado"};
    }

    private static KernelBackend kernels(String backend) {
        return LANES.equals(backend) ? new JavaKernels().lanesFrom(2) : Fixtures.assumeBackend(backend);
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource("backends")
    void exactEnumerationAndItsMonteCarloLimit(String backend) {
        KernelBackend kernels = kernels(backend);
        JsonObject exact = REF.getAsJsonObject("exact");
        int[] categories = ints(exact.getAsJsonArray("categories"));
        float[][] cos = layers(exact.getAsJsonArray("cosine"));
        int[][] relabellings = intRows(exact.getAsJsonArray("relabellings"));
        assertThat(relabellings).as("all C(8,4) relabellings").hasNumberOfRows(70);
        Inference all = run(kernels, categories, cos, relabellings, new int[0][], Alternative.GREATER, 1);
        int mc = 20_000;
        InferencePass pass = new InferencePass(kernels, categories, 1,
                new InferenceOptions(mc, 0, 11, Alternative.GREATER), new SeededDraws(11, categories), m -> { });
        pass.accept(0, 1, cos[0]);
        Inference monteCarlo = pass.finish();
        for (Statistic s : new Statistic[] {Statistic.SELECTIVITY_DIFF, Statistic.SELECTIVITY_T,
                Statistic.SELECTIVITY_FISHER_Z_T}) {
            long[] expected = longs(exact.getAsJsonObject("results").getAsJsonObject(s.key()).getAsJsonArray("count"));
            assertThat(all.of(s).count()[0]).as(s + " exact counts over the 70 relabellings").containsExactly(expected);
            for (int k = 0; k < 3; k++) {
                double p = expected[k] / 70.0;
                double tolerance = 4 * Math.sqrt(p * (1 - p) / mc) + 2.0 / mc;
                assertThat(monteCarlo.of(s).p()[0][k]).as(s + " Monte Carlo p, matrix " + k + " (exact " + p + ")")
                        .isCloseTo(p, org.assertj.core.api.Assertions.within(tolerance));
            }
        }
    }

    /** laminar's inference on the given matrices and draws, the layers given in batches of {@code batch}. */
    private static Inference run(KernelBackend kernels, int[] categories, float[][] cosByLayer, int[][] perms,
                                 int[][] resamples, Alternative alternative, int batch) {
        int layers = cosByLayer.length;
        Draws draws = new ListedDraws(perms, resamples);
        InferencePass pass = new InferencePass(kernels, categories, layers,
                new InferenceOptions(perms.length, resamples.length, 0, alternative), draws, m -> { });
        for (int first = 0; first < layers; first += batch) {
            int size = Math.min(batch, layers - first);
            int len = cosByLayer[0].length;
            float[] chunk = new float[size * len];
            for (int c = 0; c < size; c++) {
                System.arraycopy(cosByLayer[first + c], 0, chunk, c * len, len);
            }
            pass.accept(first, size, chunk);
        }
        return pass.finish();
    }

    /** Equal values, NaN where the expected value is NaN (AssertJ's deep equality tells NaN from NaN). */
    private static void assertEqual(double[][] actual, double[][] expected, String what) {
        assertThat(actual.length).as(what + " rows").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(Double.valueOf(actual[i][j])).as(what + " [" + i + "][" + j + "]")
                        .isEqualTo(Double.valueOf(expected[i][j]));
            }
        }
    }

    private static void assertClose(double[][] actual, double[][] expected, double relative, String what) {
        assertThat(actual.length).as(what + " rows").isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                if (Double.isNaN(expected[i][j])) {
                    assertThat(actual[i][j]).as(what + " [" + i + "][" + j + "]").isNaN();
                    continue;
                }
                // relative, with a floor of 1 for values near zero (a t ≈ 0 carries the rounding of its terms)
                assertThat(actual[i][j]).as(what + " [" + i + "][" + j + "]").isCloseTo(expected[i][j],
                        org.assertj.core.api.Assertions.within(relative * Math.max(1, Math.abs(expected[i][j]))));
            }
        }
    }

    /** {@code [L][3][n][n]} → per layer the flat {@code [3][n][n]} floats. */
    private static float[][] layers(JsonArray a) {
        float[][] out = new float[a.size()][];
        for (int l = 0; l < a.size(); l++) {
            JsonArray mats = a.get(l).getAsJsonArray();
            int n = mats.get(0).getAsJsonArray().size();
            out[l] = new float[3 * n * n];
            for (int k = 0; k < 3; k++) {
                JsonArray rows = mats.get(k).getAsJsonArray();
                for (int i = 0; i < n; i++) {
                    JsonArray row = rows.get(i).getAsJsonArray();
                    for (int j = 0; j < n; j++) {
                        out[l][(k * n + i) * n + j] = row.get(j).getAsFloat();
                    }
                }
            }
        }
        return out;
    }

    private static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    private static int[][] intRows(JsonArray a) {
        int[][] out = new int[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ints(a.get(i).getAsJsonArray());
        }
        return out;
    }

    private static long[] longs(JsonArray a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    private static long[][] longs2(JsonArray a) {
        long[][] out = new long[a.size()][];
        int i = 0;
        for (JsonElement e : a) {
            out[i++] = longs(e.getAsJsonArray());
        }
        return out;
    }
}
