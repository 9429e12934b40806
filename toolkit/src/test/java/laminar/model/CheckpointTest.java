package laminar.model;

import laminar.model.architectures.Gpt2Weights;
import laminar.model.architectures.Gpt2Config;
import laminar.model.io.DType;
import laminar.LaminarException;
import laminar.model.hub.HubSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Model directories: config, weights (single, sharded, prefixed, 16-bit) and every bad input around them. */
class CheckpointTest {

    @TempDir
    Path tmp;

    private static String fails(Runnable r) {
        return assertThrows(LaminarException.class, r::run).getMessage();
    }

    private static String openFails(Path dir) {
        return fails(() -> {
            Gpt2Config c = Gpt2Config.read(dir);
            Gpt2Weights.open(dir, c).close();
        });
    }

    @Test
    void readsConfigAndWeights() {
        Path dir = tmp.resolve("m");
        Gpt2Config written = TestCheckpoints.tiny(dir);
        Checkpoint c = Checkpoint.local(dir);
        assertEquals(written.nLayer(), c.config().nLayer());
        assertEquals(32, c.config().nEmbd());
        assertEquals(8, c.config().headDim());
        assertEquals(1e-5, c.config().layerNormEpsilon());
        assertEquals("gpt2", c.config().asMap().get("model_type"));
        try (Gpt2Weights w = Gpt2Weights.open(dir, c.config())) {
            assertEquals(Files.exists(dir.resolve("model.safetensors")) ? 1 : 0, w.files().size());
            assertTrue(w.totalBytes() > 0);
        }
    }

    @Test
    void missingDirectory() {
        assertTrue(fails(() -> Checkpoint.local(tmp.resolve("absent"))).contains("no such model directory"));
        HubSettings hub = new HubSettings(tmp.resolve("cache"), "http://127.0.0.1:9", true, null, false);
        assertTrue(fails(() -> Checkpoint.resolve(tmp.resolve("absent/dir").toString(), hub))
                .contains("no such model directory"));
    }

    @Test
    void configMissing() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        Files.delete(dir.resolve("config.json"));
        assertTrue(fails(() -> Checkpoint.local(dir)).contains("no config.json"));
    }

    @Test
    void configNotGpt2() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 32}");
        String m = fails(() -> Checkpoint.local(dir));
        assertTrue(m.contains("model_type is \"llama\"") && m.contains("gpt2"), m);
        Files.writeString(dir.resolve("config.json"), "not json");
        assertTrue(fails(() -> Checkpoint.local(dir)).contains("is not valid JSON"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"gpt2\",\"activation_function\":\"relu\"}");
        assertTrue(fails(() -> Checkpoint.local(dir)).contains("activation_function \"relu\""));
    }

    @Test
    void distilgpt2AndLargerConfigsAreGpt2() throws IOException {
        Path dir = tmp.resolve("d");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"model_type\":\"gpt2\",\"n_layer\":6,\"n_embd\":768,"
                + "\"n_head\":12,\"n_positions\":1024,\"vocab_size\":50257,\"n_inner\":null}");
        Gpt2Config c = Gpt2Config.read(dir);
        assertEquals(6, c.nLayer());
        assertEquals(3072, c.nInner());
        assertEquals("gelu_new", c.activation());
    }

    @Test
    void shapeNotMatchingConfig() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        String cfg = Files.readString(dir.resolve("config.json")).replace("\"n_embd\": 32", "\"n_embd\": 16");
        Files.writeString(dir.resolve("config.json"), cfg);
        String m = openFails(dir);
        assertTrue(m.contains("has shape") && m.contains("needs") && m.contains("do not belong together"), m);
    }

    @Test
    void configWithMoreLayersThanTheWeights() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        String cfg = Files.readString(dir.resolve("config.json")).replace("\"n_layer\": 2", "\"n_layer\": 3");
        Files.writeString(dir.resolve("config.json"), cfg);
        assertTrue(openFails(dir).contains("has no tensor 'h.2.ln_1.weight'"));
    }

    @Test
    void pickledWeightsOnly() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        Files.delete(dir.resolve("model.safetensors"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        String m = openFails(dir);
        assertTrue(m.contains("pickled") && m.contains("safe_serialization=True"), m);
        Files.delete(dir.resolve("pytorch_model.bin"));
        assertTrue(openFails(dir).contains("has neither model.safetensors nor"));
    }

    @Test
    void tokenizerMissing() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        Files.delete(dir.resolve("tokenizer.json"));
        Files.delete(dir.resolve("vocab.json"));
        assertTrue(fails(() -> Gpt2Tokenizer.load(dir).close()).contains("no tokenizer"));
    }

    @Test
    void unusableWeightDtypeIsRefused() throws IOException {
        Path dir = tmp.resolve("m");
        TestCheckpoints.tiny(dir);
        Path f = dir.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(f);
        String s = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
        // Same width as F32, so offsets stay valid: the weight is then of an integer type.
        s = s.replaceFirst("\"h.0.ln_1.weight\":\\{\"dtype\":\"F32\"", "\"h.0.ln_1.weight\":{\"dtype\":\"I32\"");
        Files.write(f, s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(openFails(dir).contains("is I32; laminar computes with F32, F16 or BF16"));
    }

    @Test
    void prefixedNamesAndBuffersAreAccepted() {
        Path plain = tmp.resolve("plain");
        Path prefixed = tmp.resolve("prefixed");
        RandomCheckpoint.Spec spec = RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 5);
        TestCheckpoints.tiny(plain, spec);
        TestCheckpoints.tiny(prefixed, spec.withPrefix("transformer.").withBuffers(true));
        assertSameActivations(plain, prefixed, 0);
    }

    @Test
    void shardedCheckpointEqualsSingleFile() {
        Path single = tmp.resolve("single");
        Path sharded = tmp.resolve("sharded");
        RandomCheckpoint.Spec spec = RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 6);
        TestCheckpoints.tiny(single, spec);
        TestCheckpoints.tiny(sharded, spec.withShards(3));
        assertTrue(Files.exists(sharded.resolve("model.safetensors.index.json")));
        assertTrue(Files.exists(sharded.resolve("model-00003-of-00003.safetensors")));
        assertSameActivations(single, sharded, 0);
    }

    @Test
    void missingShard() throws IOException {
        Path dir = tmp.resolve("sharded");
        TestCheckpoints.tiny(dir, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 6).withShards(2));
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        assertTrue(openFails(dir).contains("lists shard model-00002-of-00002.safetensors, which is missing"));
    }

    @Test
    void halfPrecisionWeightsAreWidenedToFloat32() {
        // F16/BF16 checkpoints hold rounded values; widening is exact, so the result must equal the float32 run
        // on the same rounded values up to the forward's own rounding.
        for (DType t : List.of(DType.F16, DType.BF16)) {
            Path half = tmp.resolve("half-" + t);
            TestCheckpoints.tiny(half, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 8).withDtype(t));
            try (Gpt2Weights w = Gpt2Weights.open(half, Gpt2Config.read(half))) {
                assertEquals(t, w.ref("h.0.attn.c_attn.weight").tensor().dtype());
            }
            Activations a = extract(half);
            for (float v : a.all(1, Qkv.V)) {
                assertTrue(Float.isFinite(v));
            }
        }
        // And against float32: bf16 rounding of the same random stream changes values by < 0.4 %.
        Activations f32 = extract(prepare("f32", DType.F32));
        Activations bf16 = extract(prepare("bf16", DType.BF16));
        assertTrue(ExtractorAssertions.relativeError(f32, bf16) < 0.05);
    }

    private Path prepare(String name, DType t) {
        Path dir = tmp.resolve(name);
        TestCheckpoints.tiny(dir, RandomCheckpoint.Spec.of(Gpt2Config.of(2, 4, 32, 64, 1), 9).withDtype(t));
        return dir;
    }

    static Activations extract(Path dir) {
        TokenizedStimuli s;
        try (Gpt2Tokenizer tok = Gpt2Tokenizer.load(dir)) {
            s = TokenizedStimuli.of(tok, "The next word is {word}", List.of("galaxy", "sofa", "banana"));
        }
        try (Gpt2Extractor ex = Gpt2Extractor.open(dir, ExtractionOptions.defaults())) {
            return ex.extract(s);
        }
    }

    private static void assertSameActivations(Path a, Path b, double tolerance) {
        Activations x = extract(a);
        Activations y = extract(b);
        assertArrayEquals(x.tokenIds(), y.tokenIds());
        assertTrue(ExtractorAssertions.relativeError(x, y) <= tolerance);
    }
}
