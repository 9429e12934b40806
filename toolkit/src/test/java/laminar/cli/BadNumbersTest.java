package laminar.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.model.Activations;
import laminar.model.io.ActivationsFile;
import laminar.model.Qkv;
import laminar.model.io.SafeTensorsFile;
import laminar.stimuli.WordList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;

import static laminar.cli.MainTest.BUNDLED;
import static laminar.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Non-finite and degenerate numbers end to end through the command line: bad weights and configs are refused with
 * exit 2 before any compute; activations with NaN, infinity or an all-zero vector at the layer shown are analysed
 * with NaN marked, a warning naming layer, matrix and word, and every figure written.
 */
class BadNumbersTest {

    private static final int LAYERS = 3;
    private static final int COLUMNS = 2;
    private static final int D = 8;

    /** Random activations of the notebook's 34 words; word {@code w}'s last token in layer 1, Q is {@code plant}. */
    private static Path activations(Path file, int w, float[] plant) {
        WordList words = WordList.notebook();
        int n = words.size();
        Random r = new Random(38);
        float[][][] data = new float[LAYERS][3][n * COLUMNS * D];
        for (float[][] layer : data) {
            for (float[] a : layer) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextGaussian();
                }
            }
        }
        System.arraycopy(plant, 0, data[1][Qkv.Q.ordinal()], (w * COLUMNS + COLUMNS - 1) * D, D);
        ActivationsFile.write(file, new Activations(words.texts(), new int[n][COLUMNS], D, data));
        return file;
    }

    private static JsonObject results(Path out) throws IOException {
        return JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
    }

    @Test
    void nanAtTheLayerShownIsMarkedAndWarnedAboutAndEveryFigureIsWritten(@TempDir Path tmp) throws IOException {
        float[] nan = new float[D];
        nan[2] = Float.NaN;
        nan[5] = Float.POSITIVE_INFINITY;
        Path acts = activations(tmp.resolve("a.safetensors"), 4, nan);
        Path out = tmp.resolve("out");
        MainTest.Outcome o = run("analyze", "--activations", acts.toString(), "--layer", "1", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("laminar: warning: layer 1 Q: 2 non-finite values (NaN or infinite), in word '"
                + WordList.notebook().texts().get(4) + "' (2)").doesNotContain("internal error");
        JsonObject json = results(out);
        JsonObject t = json.getAsJsonObject("layer_detail").getAsJsonObject("t");
        assertThat(t.get("q").isJsonNull()).isTrue();
        assertThat(t.get("k").getAsDouble()).isFinite();
        assertThat(json.getAsJsonArray("rsa").get(1).getAsJsonArray().get(0).isJsonNull()).isTrue(); // Q-K
        assertThat(json.getAsJsonArray("rsa").get(0).getAsJsonArray().get(0).isJsonNull()).isFalse();
        try (Stream<Path> figures = Files.list(out.resolve("figures"))) {
            // the notebook's twelve, the measures' three and the two inference figures (on by default)
            assertThat(figures.filter(p -> p.toString().endsWith(".png")).count())
                    .isEqualTo(laminar.figures.Figures.NAMES.size() + laminar.figures.parts.MeasureFigures.NAMES.size()
                + laminar.figures.parts.InferenceFigures.NAMES.size());
        }
    }

    @Test
    void anAllZeroVectorIsMarkedAndWarnedAbout(@TempDir Path tmp) throws IOException {
        Path acts = activations(tmp.resolve("a.safetensors"), 0, new float[D]);
        Path out = tmp.resolve("out");
        MainTest.Outcome o = run("analyze", "--activations", acts.toString(), "--layer", "1", "--out", out.toString(),
                "--no-figures");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err()).contains("laminar: warning: layer 1 Q: the last-token vector of word '"
                + WordList.notebook().texts().get(0) + "' is all zeros, so its cosine similarities are undefined (NaN)");
        JsonObject t = results(out).getAsJsonObject("layer_detail").getAsJsonObject("t");
        assertThat(t.get("q").isJsonNull()).isTrue();
        assertThat(t.get("v").getAsDouble()).isFinite();
    }

    @Test
    void warningsAreCappedWhenEveryLayerIsDegenerate(@TempDir Path tmp) throws IOException {
        WordList words = WordList.notebook();
        int n = words.size();
        float[][][] zeros = new float[LAYERS * 2][3][n * COLUMNS * D];
        Path acts = tmp.resolve("zeros.safetensors");
        ActivationsFile.write(acts, new Activations(words.texts(), new int[n][COLUMNS], D, zeros));
        MainTest.Outcome o = run("analyze", "--activations", acts.toString(), "--layer", "1",
                "--out", tmp.resolve("out").toString(), "--no-figures");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(o.err().lines().filter(l -> l.startsWith("laminar: warning: ")).count()).isEqualTo(12);
        assertThat(o.err()).contains("laminar: warning: and 7 more warnings of this kind"); // 18 - 11
    }

    @Test
    void damagedActivationMetadataIsExitTwo(@TempDir Path tmp) throws IOException {
        Path acts = activations(tmp.resolve("a.safetensors"), 0, new float[D]);
        // Rewrite n_layer in place with the same length: "3" -> "-" is not a number; the header stays valid JSON.
        byte[] all = Files.readAllBytes(acts);
        String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(acts, text.replace("\"n_layer\":\"3\"", "\"n_layer\":\"-\"")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        MainTest.Outcome o = run("analyze", "--activations", acts.toString(), "--layer", "1",
                "--out", tmp.resolve("out").toString(), "--no-figures");
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains("__metadata__ n_layer must be a whole number from 1 to 10000, got \"-\"");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    private static Path copyOfBundled(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(BUNDLED)) {
            for (Path p : s.toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void aMistypedConfigFieldIsExitTwoNamingIt(@TempDir Path tmp) throws IOException {
        Path model = copyOfBundled(tmp.resolve("model"));
        Path config = model.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"scale_attn_weights\": true",
                "\"scale_attn_weights\": 1"));
        MainTest.Outcome o = run("run", "--model", model.toString(), "--out", tmp.resolve("out").toString(),
                "--quiet", "--no-figures");
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains(config + ": scale_attn_weights must be true or false, got 1");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void nanWeightsAreExitTwoBeforeCompute(@TempDir Path tmp) throws IOException {
        Path model = copyOfBundled(tmp.resolve("model"));
        Path weights = model.resolve("model.safetensors");
        long at;
        String name;
        try (SafeTensorsFile f = SafeTensorsFile.open(weights)) {
            SafeTensorsFile.Tensor t = f.tensors().values().stream()
                    .filter(x -> x.name().endsWith("h.7.attn.c_attn.weight")).findFirst().orElseThrow();
            name = t.name();
            at = f.dataStart() + t.begin() + 4 * 100;
        }
        try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.NaN).flip(), at);
        }
        MainTest.Outcome o = run("run", "--model", model.toString(), "--out", tmp.resolve("out").toString(),
                "--quiet", "--no-figures");
        assertThat(o.code()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains("non-finite weights (NaN or infinite): '" + name + "' holds 1 of 12288");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
