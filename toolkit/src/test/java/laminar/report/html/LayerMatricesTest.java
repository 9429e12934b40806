package laminar.report.html;

import com.google.gson.JsonObject;
import laminar.kernels.Backends;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.Qkv;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LayerMatricesTest {

    /** Random activations: one token per sentence, {@code n} words, {@code layers} layers, width {@code d}. */
    static Activations random(int n, int layers, int d, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> words = new ArrayList<>();
        int[][] tokens = new int[n][];
        for (int i = 0; i < n; i++) {
            words.add("w" + i);
            tokens[i] = new int[] {i};
        }
        float[][][] data = new float[layers][3][n * d];
        for (float[][] layer : data) {
            for (float[] m : layer) {
                for (int t = 0; t < m.length; t++) {
                    m[t] = (float) rnd.nextGaussian();
                }
            }
        }
        return new Activations(words, tokens, d, data);
    }

    /** The page's decoding (report's run.js), in Java: code → min + code × (max − min) / levels. */
    static double decode(JsonObject m, int n, int bits, int i, int j) {
        byte[] codes = Base64.getDecoder().decode(m.get("data").getAsString());
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        int t = a * n - a * (a - 1) / 2 + (b - a);
        int code = bits == 16 ? (codes[2 * t] & 0xff) | (codes[2 * t + 1] & 0xff) << 8 : codes[t] & 0xff;
        double min = m.get("min").getAsDouble();
        double max = m.get("max").getAsDouble();
        return min + code * (max - min) / (bits == 16 ? 65535 : 255);
    }

    @Test
    void everyLayerIsKeptAndDecodesToTheCosineWithinHalfAStep() throws Exception {
        Activations acts = random(7, 3, 16, 1);
        try (KernelBackend k = Backends.get("java")) {
            JsonObject out = LayerMatrices.compute(acts, k, 1);
            assertThat(out.get("bits").getAsInt()).isEqualTo(16);
            assertThat(out.get("shown").getAsInt()).isEqualTo(1);
            assertThat(out.getAsJsonArray("layers")).hasSize(3);
            for (int layer = 0; layer < 3; layer++) {
                for (Qkv kind : Qkv.values()) {
                    JsonObject m = out.getAsJsonObject(kind.key()).getAsJsonObject(Integer.toString(layer));
                    double step = (m.get("max").getAsDouble() - m.get("min").getAsDouble()) / 65535;
                    for (int i = 0; i < 7; i++) {
                        for (int j = 0; j < 7; j++) {
                            assertThat(decode(m, 7, 16, i, j)).as("layer %d %s (%d,%d)", layer, kind, i, j)
                                    .isCloseTo(ReportBrowserTest.cosine(acts, layer, kind, i, j), within(step / 2 + 1e-6));
                        }
                    }
                }
            }
        }
    }

    @Test
    void fromTheAnalysisPassTheyAreExactlyTheRecomputedOnes() throws Exception {
        // n = 9: every layer, 16-bit, one batch of 3 layers (offsets within the batch); n = 1001: the chosen layer only
        for (int[] shape : new int[][] {{9, 3, 16, 2}, {LayerMatrices.ALL_LAYERS_MAX + 1, 2, 4, 1}}) {
            int n = shape[0];
            Activations acts = random(n, shape[1], shape[2], 3);
            StringBuilder tsv = new StringBuilder();
            for (int i = 0; i < n; i++) {
                tsv.append("c").append(i % 3).append('\t').append(acts.words().get(i)).append('\n');
            }
            laminar.stimuli.WordList words = laminar.stimuli.WordList.parse(tsv.toString(), "test");
            try (KernelBackend k = Backends.get("java")) {
                LayerMatrices fromPass = new LayerMatrices(n, shape[1], shape[3]);
                laminar.analysis.LaminarAnalysis.run(acts, words, shape[3], laminar.model.TokenPosition.LAST, 0, k,
                        fromPass);
                assertThat(fromPass.complete()).isTrue();
                assertThat(fromPass.json().toString()).as("n=%d", n)
                        .isEqualTo(LayerMatrices.compute(acts, k, shape[3]).toString());
            }
        }
    }

    @Test
    void eightBitCodesSpanTheRangeAndRoundToTheNearestLevel() {
        float[] m = {1f, 0.2f, -0.4f, 0.2f, 1f, 0.7f, -0.4f, 0.7f, 1f};
        JsonObject q = LayerMatrices.quantise(m, 0, 3, 8);
        assertThat(q.get("min").getAsDouble()).isCloseTo(-0.4, within(1e-7));
        assertThat(q.get("max").getAsDouble()).isEqualTo(1.0);
        assertThat(Base64.getDecoder().decode(q.get("data").getAsString())).hasSize(6);
        double step = 1.4 / 255;
        assertThat(decode(q, 3, 8, 0, 0)).isCloseTo(1.0, within(1e-7));
        assertThat(decode(q, 3, 8, 2, 0)).isCloseTo(-0.4, within(1e-7));
        assertThat(decode(q, 3, 8, 1, 2)).isCloseTo(0.7, within(step / 2));
        assertThat(decode(q, 3, 8, 0, 1)).isCloseTo(0.2, within(step / 2));
    }

    @Test
    void aboveTheLimitOnlyTheChosenLayerIsKeptAndThePageSaysSo() throws Exception {
        int n = LayerMatrices.ALL_LAYERS_MAX + 1;
        Activations acts = random(n, 2, 4, 2);
        try (KernelBackend k = Backends.get("java")) {
            JsonObject out = LayerMatrices.compute(acts, k, 1);
            assertThat(out.getAsJsonArray("layers")).hasSize(1);
            assertThat(out.getAsJsonArray("layers").get(0).getAsInt()).isEqualTo(1);
            assertThat(out.getAsJsonObject("q").keySet()).containsExactly("1");
            assertThat(out.get("note").getAsString()).contains("only the chosen layer (--layer)");
            JsonObject v = out.getAsJsonObject("v").getAsJsonObject("1");
            double step = (v.get("max").getAsDouble() - v.get("min").getAsDouble()) / 65535;
            assertThat(decode(v, n, 16, 3, 1000)).isCloseTo(ReportBrowserTest.cosine(acts, 1, Qkv.V, 3, 1000),
                    within(step / 2 + 1e-6));
        }
    }
}
