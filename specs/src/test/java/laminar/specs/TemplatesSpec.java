package laminar.specs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.analysis.LaminarResults;
import laminar.analysis.MeasureOptions;
import laminar.analysis.Part6LaminarSelectivity;
import laminar.analysis.TemplateAnalysis;
import laminar.analysis.TemplateResults;
import laminar.kernels.Compare;
import laminar.kernels.KernelBackend;
import laminar.kernels.Measure;
import laminar.kernels.Standardize;
import laminar.model.Activations;
import laminar.model.io.ActivationsFile;
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
 * Several templates (issue 13, "Contexts") against the independent numpy/scipy reference
 * {@code golden/templates_reference.py}: on the bundled tiny-gpt2's activations in two and in three templates, the
 * parts on the template-averaged matrices (RSA, category-model fit, Part 6's difference) and the noise ceiling
 * (two templates: split half with Spearman–Brown; three: leave-one-out and all-in bounds).
 */
class TemplatesSpec {

    /** float32 matrices against float64: Pearson near 1e-6; a rank comparison may swap near-equal pairs. */
    private static final double COMPARE = 1e-4;

    private static final Path DIR = Golden.root().resolve("values/templates");

    private static final JsonObject REF = read();

    private static JsonObject read() {
        try {
            return JsonParser.parseString(Files.readString(DIR.resolve("reference.json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new IllegalStateException("run /usr/bin/python3 golden/templates_reference.py", e);
        }
    }

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : Fixtures.backends()) {
            for (int i = 0; i < REF.getAsJsonArray("cases").size(); i++) {
                out.add(Arguments.of(backend, i));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} backend, case {1}")
    @MethodSource("cases")
    void averagedPartsAndNoiseCeilingEqualTheReference(String backend, int index) {
        JsonObject ref = REF.getAsJsonArray("cases").get(index).getAsJsonObject();
        int count = ref.get("templates").getAsInt();
        MeasureOptions options = new MeasureOptions(Measure.parse(ref.get("measure").getAsString()),
                Standardize.parse(ref.get("standardize").getAsString()),
                Compare.parse(ref.get("compare").getAsString()));
        List<Activations> acts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int t = 1; t <= count; t++) {
            acts.add(ActivationsFile.read(DIR.resolve("template_" + t + ".safetensors")));
            names.add("template " + t);
        }
        KernelBackend kernels = Fixtures.assumeBackend(backend);
        TemplateResults r = TemplateAnalysis.run(names, acts, WordList.notebook(), 6, new TokenPosition.FromStart(1),
                0, kernels, null, options);
        LaminarResults avg = r.average();
        Close.abs(avg.part4().rsa(), Golden.doubles2(ref.getAsJsonArray("rsa")), COMPARE, "rsa");
        Close.abs(avg.measures().categoryFit(), Golden.doubles2(ref.getAsJsonArray("category_fit")), COMPARE,
                "category fit");
        double[][] diff = Golden.doubles2(ref.getAsJsonArray("selectivity_difference"));
        JsonElement[] layers = REF.getAsJsonArray("cases").get(index).getAsJsonObject()
                .getAsJsonArray("noise_ceiling").asList().toArray(new JsonElement[0]);
        for (int l = 0; l < diff.length; l++) {
            double[][] ceiling = Golden.doubles2(layers[l].getAsJsonArray());
            for (int k = 0; k < 3; k++) {
                Close.relative(avg.part6().values()[l][k][Part6LaminarSelectivity.DIFFERENCE], diff[l][k], 1e-4,
                        "selectivity difference " + l + "/" + k);
                Close.abs(r.noiseCeiling()[l][k], ceiling[k], COMPARE, "noise ceiling " + l + "/" + k);
            }
        }
        assertThat(r.perTemplate()).hasSize(count);
    }
}
