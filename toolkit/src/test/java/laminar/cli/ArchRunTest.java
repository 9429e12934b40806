package laminar.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.model.io.ActivationsFile;
import laminar.model.io.SafeTensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code laminar run --model DIR} on the bundled rotary checkpoints: dispatch on model_type, and its refusals. */
class ArchRunTest {

    private static final Path MODELS = Path.of("..", "golden", "models");

    @Test
    void aLlamaCheckpointRunsAndResultsSayWhatKAndVAre(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", MODELS.resolve("tiny-llama").toString(), "--out",
                out.toString(), "--quiet", "--no-figures");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("llama, 8 layers, Q 64 features, K/V 32 features (grouped-query")
                .contains("6 tokens per sentence (special tokens included)");
        String results = Files.readString(out.resolve("results.json"));
        JsonObject json = JsonParser.parseString(results).getAsJsonObject();
        assertThat(json.get("n_layers").getAsInt()).isEqualTo(8);
        assertThat(json.getAsJsonArray("rsa")).hasSize(8);
        assertThat(results).contains("\"kv_features\": 32").contains("\"num_key_value_heads\": 2");
    }

    @Test
    void perHeadWritesEveryHeadsValuesAndTheyMatchTheNumpyReference(@TempDir Path tmp) throws Exception {
        // mistral: one K/V head for four query heads
        assertHeadsMatch(tmp, MODELS.resolve("tiny-mistral"), Path.of("..", "golden", "values", "arch", "mistral",
                "heads.json"), 8, 4);
    }

    @Test
    void perHeadWorksForGpt2Too(@TempDir Path tmp) throws Exception {
        assertHeadsMatch(tmp, MainTest.BUNDLED, Path.of("..", "golden", "values", "heads", "notebook-34-heads.json"),
                12, 4);
    }

    private static void assertHeadsMatch(Path tmp, Path model, Path reference, int layers, int heads)
            throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", model.toString(), "--out", out.toString(), "--quiet",
                "--no-figures", "--per-head");
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject got = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject()
                .getAsJsonObject("heads");
        JsonObject ref = JsonParser.parseString(Files.readString(reference)).getAsJsonObject();
        assertThat(got.get("kv_group")).isEqualTo(ref.get("kv_group"));
        JsonArray rsa = got.getAsJsonArray("rsa");
        JsonArray expected = ref.getAsJsonArray("rsa");
        assertThat(rsa).hasSize(layers);
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                for (int p = 0; p < 3; p++) {
                    // end to end (laminar's forward, then per-head RSA) against numpy on the reference activations
                    assertThat(value(rsa, l, h, p)).as("layer %d head %d pair %d", l, h, p)
                            .isCloseTo(value(expected, l, h, p), within(1e-3));
                }
            }
        }
        assertThat(got.getAsJsonArray("selectivity").get(0).getAsJsonArray()).hasSize(heads);
    }

    @Test
    void perHeadWritesTheLayerByHeadFiguresAndTheReportListsThem(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", MODELS.resolve("tiny-llama").toString(), "--out",
                out.toString(), "--quiet", "--per-head");
        assertThat(o.code()).as(o.err()).isZero();
        String report = Files.readString(out.resolve("report.html"));
        for (String name : laminar.figures.parts.HeadsFigures.NAMES) {
            assertThat(out.resolve("figures").resolve(name + ".png")).isNotEmptyFile();
            assertThat(out.resolve("figures").resolve(name + ".svg")).isNotEmptyFile();
            assertThat(report).contains("figures/" + name + ".png");
        }
    }

    private static double value(JsonArray a, int l, int h, int p) {
        return a.get(l).getAsJsonArray().get(h).getAsJsonArray().get(p).getAsDouble();
    }

    @Test
    void qkRotaryOnGpt2IsRefused(@TempDir Path tmp) {
        MainTest.Outcome o = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out",
                tmp.resolve("o").toString(), "--quiet", "--no-figures", "--qk-rotary");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("--qk-rotary").contains("not a rotary model");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void anUnsupportedModelTypeIsRefusedWithTheSupportedList(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("bert"));
        Files.writeString(model.resolve("config.json"), "{\"model_type\": \"bert\"}");
        MainTest.Outcome o = MainTest.run("run", "--model", model.toString(), "--out", tmp.resolve("o").toString(),
                "--quiet", "--no-figures");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("'bert' is not supported").contains("gpt2, gpt_neox, llama, mistral, qwen2");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    /**
     * Several templates on rotary models: every template extracted (with its shared prefix) and analysed, each
     * template's activations equal to transformers' hooks on the same checkpoint (golden/arch_templates.py for the
     * second), K and V repeated per query head as the run writes them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt_neox"})
    void severalTemplatesOnARotaryModelGiveEachTemplatesTransformersActivations(String arch, @TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("run");
        Path values = Path.of("..", "golden", "values", "arch", arch);
        String second = JsonParser.parseString(Files.readString(values.resolve("template-2.json"))).getAsJsonObject()
                .get("template").getAsString();
        MainTest.Outcome o = MainTest.run("run", "--model", MODELS.resolve("tiny-" + arch.replace('_', '-'))
                .toString(), "--out", out.toString(), "--quiet", "--no-figures", "--no-report", "--permutations", "0",
                "--bootstrap", "0", "--template", "The next word is {word}", "--template", second);
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        assertThat(json.getAsJsonArray("templates").asList().stream().map(e -> e.getAsString()).toList())
                .containsExactly("The next word is {word}", second);
        assertThat(json.has("noise_ceiling")).isTrue();
        String[] golden = {"activations.safetensors", "template-2.safetensors"};
        for (int t = 0; t < 2; t++) {
            Activations acts = ActivationsFile.read(out.resolve("activations_template_" + (t + 1) + ".safetensors"));
            try (SafeTensorsFile ref = SafeTensorsFile.open(values.resolve(golden[t]));
                 Arena arena = Arena.ofConfined()) {
                for (int l = 0; l < acts.nLayers(); l++) {
                    for (Qkv k : Qkv.values()) {
                        SafeTensorsFile.Tensor tensor = ref.tensor("attn_" + l + "_" + k.key());
                        float[] expected = new float[Math.toIntExact(tensor.elements())];
                        ref.map(tensor, arena).asFloatBuffer().get(expected);
                        assertThat(relativeError(acts.all(l, k), expected, acts.nEmbd()))
                                .as("%s template %d layer %d %s", arch, t + 1, l, k).isLessThan(2e-4);
                    }
                }
            }
        }
    }

    /**
     * Max |actual - expected| / max |expected|, {@code expected} having {@code width / g} features per token (K/V
     * heads under grouped-query attention), each of its heads written g times in {@code actual}.
     */
    private static double relativeError(float[] actual, float[] expected, int width) {
        int tokens = actual.length / width;
        int narrow = expected.length / tokens;
        int g = width / narrow;
        int hd = 16; // the tiny checkpoints' head_dim
        double diff = 0;
        double scale = 0;
        for (int t = 0; t < tokens; t++) {
            for (int f = 0; f < width; f++) {
                int head = f / hd;
                float e = expected[t * narrow + (head / g) * hd + f % hd];
                diff = Math.max(diff, Math.abs(actual[t * width + f] - e));
                scale = Math.max(scale, Math.abs(e));
            }
        }
        return diff / scale;
    }
}
