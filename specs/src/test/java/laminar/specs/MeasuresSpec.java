package laminar.specs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.analysis.LaminarAnalysis;
import laminar.analysis.LaminarResults;
import laminar.analysis.MeasureOptions;
import laminar.analysis.Part6LaminarSelectivity;
import laminar.kernels.Compare;
import laminar.kernels.KernelBackend;
import laminar.kernels.Measure;
import laminar.kernels.Standardize;
import laminar.model.TokenPosition;
import laminar.stimuli.WordList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measures, standardizations and comparisons (issue 13) on the notebook's own activations against the
 * independent numpy/scipy reference {@code golden/measures_reference.py}: RSA (Parts 3b/4), the category-model fit,
 * Part 6's within − across difference, and linear CKA (per layer and layer × layer).
 */
class MeasuresSpec {

    /**
     * Rank comparisons see float32 matrices where the reference has float64: a pair of near-equal entries may swap,
     * moving τa by 2/561² per swap; Pearson and Spearman stay near 1e-6.
     */
    private static final double COMPARE = 1e-4;

    /** CKA vectors are float32 unit vectors: ~1e-7 per entry. */
    private static final double CKA = 1e-5;

    private static final JsonObject REF = read();

    private static JsonObject read() {
        Path file = Golden.root().resolve("values/measures/reference.json");
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("run /usr/bin/python3 golden/measures_reference.py to make " + file, e);
        }
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : Fixtures.backends()) {
            for (JsonElement c : REF.getAsJsonArray("configs")) {
                out.add(Arguments.of(backend, c.getAsJsonObject().get("measure").getAsString(),
                        c.getAsJsonObject().get("standardize").getAsString(),
                        c.getAsJsonObject().get("compare").getAsString()));
            }
        }
        return out;
    }

    private static LaminarResults analyse(String backend, MeasureOptions options) {
        KernelBackend kernels = Fixtures.assumeBackend(backend);
        return LaminarAnalysis.run(Golden.notebook34().activations(), WordList.notebook(), 6,
                new TokenPosition.FromStart(1), 0, kernels, null, options);
    }

    @ParameterizedTest(name = "{0} backend, {1}, {2}, {3}")
    @MethodSource("cases")
    void equalsTheReference(String backend, String measure, String standardize, String compare) {
        MeasureOptions options = new MeasureOptions(Measure.parse(measure), Standardize.parse(standardize),
                Compare.parse(compare));
        LaminarResults r = analyse(backend, options);
        JsonObject ref = null;
        for (JsonElement c : REF.getAsJsonArray("configs")) {
            JsonObject o = c.getAsJsonObject();
            if (o.get("measure").getAsString().equals(measure) && o.get("standardize").getAsString().equals(standardize)
                    && o.get("compare").getAsString().equals(compare)) {
                ref = o;
            }
        }
        assertThat(ref).isNotNull();
        Close.abs(r.part4().rsa(), Golden.doubles2(ref.getAsJsonArray("rsa")), COMPARE, "rsa");
        Close.abs(r.part3().rsa(), Golden.doubles2(ref.getAsJsonArray("rsa"))[6], COMPARE, "part 3b rsa");
        Close.abs(r.measures().categoryFit(), Golden.doubles2(ref.getAsJsonArray("category_fit")), COMPARE,
                "category fit");
        double[][] diff = Golden.doubles2(ref.getAsJsonArray("selectivity_difference"));
        for (int l = 0; l < diff.length; l++) {
            for (int k = 0; k < 3; k++) {
                Close.relative(r.part6().values()[l][k][Part6LaminarSelectivity.DIFFERENCE], diff[l][k], 1e-4,
                        "selectivity difference " + l + "/" + k);
            }
        }
        assertThat(r.measures().options()).isEqualTo(options);
        boolean fisher = options.fisherZApplies();
        assertThat(Double.isNaN(r.part7().selectivity().values()[3][1][Part6LaminarSelectivity.T]))
                .as("Part 7b is computed exactly when Fisher-z applies").isEqualTo(!fisher);
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource("laminar.specs.Fixtures#backends")
    void linearCkaEqualsTheDefiningFormula(String backend) {
        LaminarResults r = analyse(backend, MeasureOptions.NOTEBOOK);
        Close.abs(r.measures().cka(), Golden.doubles2(REF.getAsJsonArray("cka")), CKA, "cka");
        String[] keys = {"q", "k", "v"};
        for (int k = 0; k < 3; k++) {
            Close.abs(r.measures().ckaLayers()[k], Golden.doubles2(REF.getAsJsonObject("cka_layers")
                    .getAsJsonArray(keys[k])), CKA, "cka_layers " + keys[k]);
        }
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource("laminar.specs.Fixtures#backends")
    void theNotebooksChoicesAreTheDefaultAndGiveItsNumbers(String backend) {
        LaminarResults r = Fixtures.onGoldenActivations(backend);
        assertThat(r.measures().options()).isEqualTo(MeasureOptions.NOTEBOOK);
        Close.abs(r.part4().rsa(), Golden.doubles2(Golden.notebook34().json("part4").getAsJsonArray("rsa")),
                Tolerances.R, "rsa");
    }
}
