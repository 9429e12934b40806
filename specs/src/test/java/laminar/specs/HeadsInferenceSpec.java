package laminar.specs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import laminar.analysis.MeasureOptions;
import laminar.analysis.inference.Alternative;
import laminar.analysis.inference.HeadInference;
import laminar.analysis.inference.InferenceOptions;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The per-head inference (issue 12) against {@code golden/inference_reference.py}'s per-head family: on the golden
 * activations of the bundled GPT-2 (12 layers × 4 heads) and of the grouped-query tiny-llama (8 layers × 4 query
 * heads in 2 K/V groups), with the reference's permutations and resamples, laminar's {@code --per-head} inference
 * (each head's matrices made by {@code PerHead} and streamed into one pass over layers × heads × 3) gives exactly
 * the reference's counts, p, max-statistic p_FWER and BH q over that family, for both alternatives; observed
 * values, intervals and standard errors equal up to rounding. The two compute their cosines separately (laminar's
 * kernels, numpy's float32), so the equal counts also say no permuted value lies within rounding of its observed one.
 */
class HeadsInferenceSpec {

    /** Observed values, intervals and SEs: float32 cosines from two implementations, then sums in other orders. */
    private static final double RELATIVE = 1e-4;

    private static final JsonObject REF = Golden.reference("values/inference/heads-reference.json",
            "inference_reference.py");

    static Stream<Arguments> cases() {
        return Stream.of("gpt2", "llama").flatMap(model -> Stream.of("greater", "two-sided").flatMap(alt ->
                Arrays.stream(Fixtures.backends()).map(b -> Arguments.of(b, model, alt))));
    }

    @ParameterizedTest(name = "{0} backend, {1}, {2}")
    @MethodSource("cases")
    void perHeadInferenceEqualsTheReferenceOverLayersTimesHeads(String backend, String model, String alternative) {
        KernelBackend kernels = Fixtures.assumeBackend(backend);
        JsonObject ref = REF.getAsJsonObject("models").getAsJsonObject(model);
        int layers = ref.get("layers").getAsInt();
        int heads = ref.get("heads").getAsInt();
        int kvHeads = ref.get("kv_heads").getAsInt();
        int[][] perms = Golden.ints2(ref.getAsJsonArray("permutations"));
        int[][] resamples = Golden.ints2(ref.getAsJsonArray("resamples"));
        Golden g = Golden.notebook34();
        assertThat(g.words().categoryCodes()).as("the reference's categories")
                .containsExactly(Golden.ints2(wrap(ref.getAsJsonArray("categories")))[0]);
        HeadInference inf = HeadInference.run(activations(model), g.words(), heads, kvHeads, kernels,
                MeasureOptions.NOTEBOOK, new InferenceOptions(perms.length, resamples.length, 0,
                        Alternative.parse(alternative)), new ListedDraws(perms, resamples), m -> { }).inference();
        assertThat(inf.layers()).isEqualTo(layers);
        assertThat(inf.heads()).isEqualTo(heads);
        JsonObject results = ref.getAsJsonObject("results");
        for (Statistic s : HeadInference.STATISTICS) {
            JsonObject expected = results.getAsJsonObject(s.key());
            JsonObject alt = expected.getAsJsonObject(alternative);
            StatisticInference si = inf.of(s);
            long[][][] counts = inf.counts(s);
            double[][] count = Golden.doubles2(alt.getAsJsonArray("count"));
            double[][] p = Golden.doubles2(alt.getAsJsonArray("p"));
            double[][] fwer = Golden.doubles2(alt.getAsJsonArray("p_fwer"));
            double[][] q = Golden.doubles2(alt.getAsJsonArray("q_fdr"));
            double[][] observed = Golden.doubles2(expected.getAsJsonArray("observed"));
            double[][][] ci = Golden.doubles3(expected.getAsJsonArray("ci95"));
            double[][] se = Golden.doubles2(expected.getAsJsonArray("se"));
            for (int l = 0; l < layers; l++) {
                for (int h = 0; h < heads; h++) {
                    int row = l * heads + h;
                    String at = model + " " + s + " layer " + l + " head " + h;
                    assertThat(Arrays.stream(counts[l][h]).asDoubleStream().toArray()).as(at + " counts")
                            .containsExactly(count[row]);
                    assertThat(inf.byHead(si.p())[l][h]).as(at + " p").containsExactly(p[row]);
                    assertThat(inf.byHead(si.pFwer())[l][h]).as(at + " p_fwer").containsExactly(fwer[row]);
                    assertThat(inf.byHead(si.qFdr())[l][h]).as(at + " q_fdr").containsExactly(q[row]);
                    for (int k = 0; k < 3; k++) {
                        close(inf.byHead(si.observed())[l][h][k], observed[row][k], at + " observed " + k);
                        close(inf.byHead(si.ci95())[l][h][k][0], ci[row][k][0], at + " ci low " + k);
                        close(inf.byHead(si.ci95())[l][h][k][1], ci[row][k][1], at + " ci high " + k);
                        close(inf.byHead(si.se())[l][h][k], se[row][k], at + " se " + k);
                    }
                }
            }
        }
    }

    /** The golden activations of the model, K and V repeated per query head as the extractor returns them. */
    private static Activations activations(String model) {
        if (model.equals("gpt2")) {
            return Golden.notebook34().activations();
        }
        try {
            return ArchitecturesSpec.goldenActivations(model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(double actual, double expected, String what) {
        // relative, with a floor of 1 for values near zero (a t ≈ 0 carries the rounding of its terms)
        assertThat(actual).as(what).isCloseTo(expected, within(RELATIVE * Math.max(1, Math.abs(expected))));
    }

    private static JsonArray wrap(JsonArray row) {
        JsonArray a = new JsonArray();
        a.add(row);
        return a;
    }
}
