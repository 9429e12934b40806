package laminar.specs;

import laminar.model.ExtractionOptions;
import laminar.model.ExtractionStats;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.LaminarException;
import laminar.model.Activations;
import laminar.model.Gpt2Tokenizer;
import laminar.analysis.LaminarAnalysis;
import laminar.analysis.PerHead;
import laminar.model.Qkv;
import laminar.model.TokenPosition;
import laminar.model.io.SafeTensorsFile;
import laminar.model.TokenizedStimuli;
import laminar.model.architectures.ArchConfig;
import laminar.model.ArchExtractor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Beyond GPT-2: for each architecture, laminar's Q, K and V on a small random checkpoint made by
 * {@code transformers}' own model classes (golden/make_arch_checkpoints.py) equal what hooks on the real
 * {@code q_proj}/{@code k_proj}/{@code v_proj} (GPT-NeoX: {@code query_key_value}, split per head) stored for the
 * notebook's 34 sentences, for every layer and token (BOS included where the tokenizer adds it); with
 * {@code qkRotary} Q and K equal transformers' own {@code apply_rotary_pos_emb} of them. Tolerance
 * {@link Tolerances#ACTIVATION_RELATIVE}, as for GPT-2. Under grouped-query attention each golden K/V head must
 * appear, exactly, at every query head of its group.
 */
class ArchitecturesSpec {

    private static Path model(String arch) {
        return Golden.checkpoint("tiny-" + arch.replace('_', '-'));
    }

    private static Path values(String arch) {
        return Golden.root().resolve("values").resolve("arch").resolve(arch);
    }

    private static JsonObject tokens(String arch) throws IOException {
        return JsonParser.parseString(Files.readString(values(arch).resolve("tokens.json"))).getAsJsonObject();
    }

    private static TokenizedStimuli stimuli(String arch) throws IOException {
        JsonObject t = tokens(arch);
        List<String> words = new ArrayList<>();
        for (var w : t.getAsJsonArray("words")) {
            words.add(w.getAsJsonObject().get("word").getAsString());
        }
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(model(arch), true)) {
            return TokenizedStimuli.of(tok, t.get("template").getAsString(), words);
        }
    }

    /** Golden array {@code attn_{L}_{x}} as floats. */
    private static float[] golden(Path file, int layer, String x) {
        try (SafeTensorsFile f = SafeTensorsFile.open(file); Arena arena = Arena.ofConfined()) {
            SafeTensorsFile.Tensor t = f.tensor("attn_" + layer + "_" + x);
            ByteBuffer b = f.map(t, arena);
            float[] out = new float[Math.toIntExact(t.elements())];
            b.asFloatBuffer().get(out);
            return out;
        }
    }

    /**
     * Max |laminar − golden| / max |golden| over one array; golden has {@code heads} heads per token, laminar
     * {@code queryHeads}, each golden head repeated {@code queryHeads/heads} times.
     */
    private static double worst(float[] actual, float[] golden, int heads, int queryHeads, int headDim) {
        int g = queryHeads / heads;
        int tokens = golden.length / (heads * headDim);
        assertThat(actual).hasSize(tokens * queryHeads * headDim);
        double diff = 0;
        double scale = 0;
        for (int t = 0; t < tokens; t++) {
            for (int h = 0; h < queryHeads; h++) {
                for (int i = 0; i < headDim; i++) {
                    float gv = golden[(t * heads + h / g) * headDim + i];
                    diff = Math.max(diff, Math.abs(actual[(t * queryHeads + h) * headDim + i] - gv));
                    scale = Math.max(scale, Math.abs(gv));
                }
            }
        }
        return diff / scale;
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt_neox", "mistral", "qwen2"})
    void tokenIdsCountWhatTheModelSees(String arch) throws IOException {
        JsonArray expected = tokens(arch).getAsJsonArray("token_ids");
        int[][] ids = stimuli(arch).tokenIds();
        assertThat(ids).isDeepEqualTo(Golden.ints2(expected));
        boolean bos = arch.equals("llama") || arch.equals("mistral");
        assertThat(ids[0].length).as("BOS counted in positions").isEqualTo(bos ? 6 : 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt_neox", "mistral", "qwen2"})
    void qkvOfEveryLayerEqualTransformersHooks(String arch) throws IOException {
        check(arch, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt_neox", "mistral", "qwen2"})
    void qkAfterRotaryEqualTransformersRotation(String arch) throws IOException {
        check(arch, true);
    }

    private static void check(String arch, boolean rotary) throws IOException {
        check(arch, stimuli(arch), ExtractionOptions.defaults().withQkRotary(rotary), rotary ? "activations-rotary"
                : "activations");
    }

    /** Every layer's Q/K/V of {@code s} against golden file {@code name} (V always from activations.safetensors). */
    private static ExtractionStats check(String arch, TokenizedStimuli s, ExtractionOptions options, String name) {
        try (ArchExtractor ex = ArchExtractor.open(model(arch), options)) {
            ArchConfig c = ex.config();
            Activations a = ex.extract(s);
            assertThat(a.nLayers()).isEqualTo(c.layers());
            for (int l = 0; l < c.layers(); l++) {
                for (Qkv k : Qkv.values()) {
                    Path file = values(arch).resolve((k == Qkv.V && name.equals("activations-rotary")
                            ? "activations" : name) + ".safetensors");
                    int heads = k == Qkv.Q ? c.heads() : c.kvHeads();
                    double err = worst(a.all(l, k), golden(file, l, k.key()), heads, c.heads(), c.headDim());
                    assertThat(err).as("%s layer %d %s (%s, %s)", arch, l, k, name, options)
                            .isLessThanOrEqualTo(Tolerances.ACTIVATION_RELATIVE);
                }
            }
            return ex.lastStats();
        }
    }

    /**
     * The sentences' common first tokens (BOS and "The next word is") are computed once and every sentence's own
     * token attends to them: the same Q/K/V as transformers' full forward, and the same as laminar's without the
     * shared prefix; only the token rows computed differ.
     */
    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt_neox", "mistral", "qwen2"})
    void theSharedPrefixIsComputedOnceAndGivesTransformersValues(String arch) throws IOException {
        TokenizedStimuli s = stimuli(arch);
        int tokens = s.tokenIds()[0].length;
        ExtractionStats shared = check(arch, s, ExtractionOptions.defaults(), "activations");
        assertThat(shared.prefixTokens()).as("prefix: every token but the word").isEqualTo(tokens - 1);
        assertThat(shared.rowsComputed()).isEqualTo(tokens - 1 + 34);
        ExtractionStats full = check(arch, s, ExtractionOptions.defaults().withSharePrefix(false), "activations");
        assertThat(full.prefixTokens()).isZero();
        assertThat(full.rowsComputed()).isEqualTo(full.rowsFull()).isEqualTo(34 * tokens);
        // and with Q/K after the rotation: the prefix rows are rotated at their own positions
        check(arch, s, ExtractionOptions.defaults().withQkRotary(true), "activations-rotary");
    }

    /**
     * A second template (golden/arch_templates.py: transformers' hooks on the same checkpoint): its token ids and
     * its Q/K/V, with the shared prefix, as for the first.
     */
    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt_neox", "mistral", "qwen2"})
    void aSecondTemplateEqualsTransformersHooks(String arch) throws IOException {
        JsonObject t = JsonParser.parseString(Files.readString(values(arch).resolve("template-2.json")))
                .getAsJsonObject();
        TokenizedStimuli s;
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(model(arch), true)) {
            s = TokenizedStimuli.of(tok, t.get("template").getAsString(), stimuli(arch).words());
        }
        assertThat(s.tokenIds()).isDeepEqualTo(Golden.ints2(t.getAsJsonArray("token_ids")));
        check(arch, s, ExtractionOptions.defaults(), "template-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt_neox", "mistral", "qwen2"})
    void theRotaryGoldenIsFarFromThePlainOneSoTheComparisonDiscriminates(String arch) {
        Path values = values(arch);
        int heads = ArchConfig.read(model(arch)).heads();
        int hd = ArchConfig.read(model(arch)).headDim();
        float[] plain = golden(values.resolve("activations.safetensors"), 0, "q");
        float[] rotated = golden(values.resolve("activations-rotary.safetensors"), 0, "q");
        assertThat(worst(plain, rotated, heads, heads, hd)).isGreaterThan(100 * Tolerances.ACTIVATION_RELATIVE);
    }

    /** Golden activations as {@link Activations}: K and V repeated per query head, as the extractor returns them. */
    static Activations goldenActivations(String arch) throws IOException {
        ArchConfig c = ArchConfig.read(model(arch));
        TokenizedStimuli s = stimuli(arch);
        float[][][] data = new float[c.layers()][3][];
        int g = c.groupSize();
        int hd = c.headDim();
        for (int l = 0; l < c.layers(); l++) {
            for (Qkv k : Qkv.values()) {
                float[] src = golden(values(arch).resolve("activations.safetensors"), l, k.key());
                int heads = k == Qkv.Q ? c.heads() : c.kvHeads();
                int repeat = k == Qkv.Q ? 1 : g;
                int tokens = src.length / (heads * hd);
                float[] out = new float[tokens * c.qWidth()];
                for (int t = 0; t < tokens; t++) {
                    for (int h = 0; h < c.heads(); h++) {
                        System.arraycopy(src, (t * heads + h / repeat) * hd, out, (t * c.heads() + h) * hd, hd);
                    }
                }
                data[l][k.ordinal()] = out;
            }
        }
        return new Activations(s.words(), s.tokenIds(), c.qWidth(), data);
    }

    private static double[][] referenceRsa(String arch) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(values(arch).resolve("rsa.json"))).getAsJsonObject();
        return Golden.doubles2(o.getAsJsonArray("rsa"));
    }

    private static double[][] laminarRsa(Activations acts, String backend) {
        Golden g = Golden.notebook34();
        return LaminarAnalysis.run(acts, g.words(), 6, new TokenPosition.FromStart(1), 0,
                Fixtures.assumeBackend(backend)).part4().rsa();
    }

    static Stream<Arguments> archsAndBackends() {
        return Stream.of("llama", "gpt_neox", "mistral", "qwen2")
                .flatMap(a -> Arrays.stream(Fixtures.backends()).map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest(name = "{0} on the {1} backend")
    @MethodSource("archsAndBackends")
    void rsaOnTheHookActivationsEqualsTheNumpyReference(String arch, String backend) throws IOException {
        // grouped-query K/V enter the analysis repeated per query head: the cosines, hence RSA, are unchanged
        Close.abs(laminarRsa(goldenActivations(arch), backend), referenceRsa(arch), Tolerances.R, arch + " rsa");
    }

    @ParameterizedTest(name = "{0} on the {1} backend")
    @MethodSource("archsAndBackends")
    void rsaEndToEndFromTheCheckpointEqualsTheNumpyReference(String arch, String backend) throws IOException {
        Fixtures.assumeBackend(backend);
        try (ArchExtractor ex = ArchExtractor.open(model(arch), ExtractionOptions.defaults())) {
            Close.abs(laminarRsa(ex.extract(stimuli(arch)), backend), referenceRsa(arch), Tolerances.E2E_R,
                    arch + " rsa");
        }
    }

    @ParameterizedTest(name = "{0} on the {1} backend")
    @MethodSource("archsAndBackends")
    void perHeadValuesEqualANumpyReferenceThatSlicesTheHookActivations(String arch, String backend)
            throws IOException {
        ArchConfig c = ArchConfig.read(model(arch));
        PerHead heads = PerHead.compute(goldenActivations(arch), Golden.notebook34().words(), c.heads(),
                c.kvHeads(), Fixtures.assumeBackend(backend));
        JsonObject ref = JsonParser.parseString(Files.readString(values(arch).resolve("heads.json")))
                .getAsJsonObject();
        assertHeads(heads, ref, c.layers(), c.heads(), arch);
    }

    @ParameterizedTest(name = "{0} backend")
    @MethodSource(Fixtures.BACKENDS)
    void gpt2PerHeadValuesOnTheNotebooksActivationsEqualTheNumpyReference(String backend) throws IOException {
        PerHead heads = PerHead.compute(Golden.notebook34().activations(), Golden.notebook34().words(), 4, 4,
                Fixtures.assumeBackend(backend));
        JsonObject ref = JsonParser.parseString(Files.readString(Golden.root().resolve("values/heads/"
                + "notebook-34-heads.json"))).getAsJsonObject();
        assertHeads(heads, ref, 12, 4, "gpt2");
    }

    private static void assertHeads(PerHead heads, JsonObject ref, int layers, int nHeads, String arch) {
        assertThat(heads.kvGroup()).containsExactly(Golden.ints2(wrap(ref.getAsJsonArray("kv_group")))[0]);
        double[][][] rsa = Golden.doubles3(ref.getAsJsonArray("rsa"));
        assertThat(heads.rsa().length).isEqualTo(layers);
        for (int l = 0; l < layers; l++) {
            Close.abs(heads.rsa()[l], rsa[l], Tolerances.R, arch + " rsa layer " + l);
            for (String key : List.of("selectivity", "selectivity_fisher_z")) {
                double[][][] expected = Golden.doubles3(ref.getAsJsonArray(key).get(l).getAsJsonArray());
                double[][][] actual = key.equals("selectivity") ? heads.selectivity()[l]
                        : heads.selectivityFisherZ()[l];
                for (int h = 0; h < nHeads; h++) {
                    for (int k = 0; k < 3; k++) {
                        String what = arch + " " + key + " layer " + l + " head " + h + " " + Qkv.values()[k];
                        assertThat(actual[h][k][0]).as(what + " difference")
                                .isCloseTo(expected[h][k][0], within(Tolerances.MEAN));
                        // relative to max(|t|, 1): a head's t may be near 0, where the float32 rounding of
                        // the cosines (an absolute error in the mean difference) is no longer small relative to t
                        assertThat(actual[h][k][1]).as(what + " t").isCloseTo(expected[h][k][1],
                                within(Tolerances.T_RELATIVE * Math.max(1, Math.abs(expected[h][k][1]))));
                        assertThat(actual[h][k][2]).as(what + " average")
                                .isCloseTo(expected[h][k][2], within(Tolerances.MEAN));
                    }
                }
            }
        }
    }

    private static JsonArray wrap(JsonArray row) {
        JsonArray a = new JsonArray();
        a.add(row);
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama", "gpt_neox", "mistral", "qwen2"})
    void hubStyleAndRopeParametersConfigsReadAlike(String arch, @TempDir Path tmp) throws IOException {
        ArchConfig saved = ArchConfig.read(model(arch));
        for (String variant : List.of("config-hub-style.json", "config-rope-parameters.json")) {
            Path dir = Files.createDirectory(tmp.resolve(variant));
            Files.copy(model(arch).resolve(variant), dir.resolve("config.json"));
            assertThat(ArchConfig.read(dir)).as("%s %s", arch, variant).isEqualTo(saved);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bert", "falcon"})
    void otherModelTypesAreRefusedWithTheSupportedList(String type, @TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("config.json"), "{\"model_type\": \"" + type + "\"}");
        assertThatThrownBy(() -> ArchConfig.read(tmp)).isInstanceOf(LaminarException.class)
                .hasMessageContaining("'" + type + "' is not supported")
                .hasMessageContaining("gpt2, gpt_neox, llama, mistral, qwen2");
    }
}
