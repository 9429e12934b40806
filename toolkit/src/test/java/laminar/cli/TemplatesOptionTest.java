package laminar.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --template} repeated and {@code --templates FILE} on the bundled checkpoint: the averaged parts and the noise
 * ceiling equal golden/templates_reference.py's, each template's parts equal a run with that template alone.
 */
class TemplatesOptionTest {

    private static final Path GOLDEN = Path.of("..", "golden", "values", "templates");

    private static JsonObject json(Path out) throws Exception {
        return JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
    }

    private static JsonObject reference(int templates) throws Exception {
        JsonObject all = JsonParser.parseString(Files.readString(GOLDEN.resolve("reference.json"))).getAsJsonObject();
        for (var c : all.getAsJsonArray("cases")) {
            JsonObject o = c.getAsJsonObject();
            if (o.get("templates").getAsInt() == templates && o.get("measure").getAsString().equals("cosine")) {
                return o;
            }
        }
        throw new AssertionError("no reference case for " + templates + " templates");
    }

    private static void close(JsonArray actual, JsonArray expected, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.size(); i++) {
            if (actual.get(i).isJsonArray()) {
                close(actual.get(i).getAsJsonArray(), expected.get(i).getAsJsonArray(), tol);
            } else {
                assertThat(actual.get(i).getAsDouble()).isCloseTo(expected.get(i).getAsDouble(), within(tol));
            }
        }
    }

    @Test
    void aTemplatesFileGivesTheAveragedPartsTheNoiseCeilingAndEachTemplatesParts(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--permutations", "0", "--bootstrap", "0", "--templates",
                GOLDEN.resolve("templates.txt").toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject r = json(out);
        JsonObject ref = reference(3);
        assertThat(r.getAsJsonArray("templates").asList().stream().map(e -> e.getAsString()).toList())
                .containsExactly("The next word is {word}", "I thought about the {word}", "She said {word}");
        close(r.getAsJsonArray("rsa"), ref.getAsJsonArray("rsa"), 1e-5);
        close(r.getAsJsonArray("category_fit"), ref.getAsJsonArray("category_fit"), 1e-5);
        close(r.getAsJsonArray("noise_ceiling"), ref.getAsJsonArray("noise_ceiling"), 1e-5);
        List<String> csv = Files.readAllLines(out.resolve("noise_ceiling.csv"));
        assertThat(csv).hasSize(13).first().isEqualTo("layer,Q_lower,Q_upper,K_lower,K_upper,V_lower,V_upper");
        assertThat(csv.get(1)).startsWith("0," + r.getAsJsonArray("noise_ceiling").get(0).getAsJsonArray().get(0)
                .getAsJsonArray().get(0).getAsDouble() + ",");
        assertThat(out.resolve("figures").resolve("noise_ceiling.png")).exists();
        for (int t = 1; t <= 3; t++) {
            assertThat(out.resolve("activations_template_" + t + ".safetensors")).exists();
        }
        assertThat(out.resolve("activations.safetensors")).doesNotExist();

        // Each template's parts are those of a run with that template alone.
        Path alone = tmp.resolve("alone");
        MainTest.Outcome a = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", alone.toString(),
                "--quiet", "--no-figures", "--no-report", "--permutations", "0", "--bootstrap", "0",
                "--template", "She said {word}");
        assertThat(a.code()).as(a.err()).isZero();
        JsonObject single = json(alone);
        JsonObject per = r.getAsJsonObject("per_template").getAsJsonObject("She said {word}");
        for (String key : new String[] {"rsa", "qkv_correlation", "selectivity", "category_fit", "cka"}) {
            assertThat(per.get(key)).as(key).isEqualTo(single.get(key));
        }
        assertThat(per.getAsJsonArray("tokens").get(0)).isEqualTo(
                single.getAsJsonArray("words").get(0).getAsJsonObject().get("tokens"));
        assertThat(single.has("noise_ceiling")).as("one template: no ceiling").isFalse();
        assertThat(single.has("per_template")).isFalse();
    }

    @Test
    void twoRepeatedTemplatesGiveTheSpearmanBrownCeiling(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--no-figures", "--no-report", "--permutations", "0", "--bootstrap", "0",
                "--template", "The next word is {word}", "--template", "I thought about the {word}");
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject ref = reference(2);
        close(json(out).getAsJsonArray("noise_ceiling"), ref.getAsJsonArray("noise_ceiling"), 1e-5);
        close(json(out).getAsJsonArray("rsa"), ref.getAsJsonArray("rsa"), 1e-5);
    }

    @Test
    void badTemplatesExitWithTwoNamingTheProblemAndWriteNothing(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("t.txt");
        Files.writeString(file, "# ok\nThe next word is {word}\n\nno placeholder here\n");
        Path out = tmp.resolve("o");
        MainTest.Outcome bad = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--templates", file.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("line 4").contains("{word} exactly once");
        MainTest.Outcome both = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--templates", file.toString(), "--template", "A {word}");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("not both");
        MainTest.Outcome twice = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out",
                out.toString(), "--quiet", "--template", "A {word}", "--template", "A {word}");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("given twice");
        assertThat(out).doesNotExist();
    }
}
