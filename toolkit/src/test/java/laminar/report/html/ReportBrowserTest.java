package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.cli.Main;
import laminar.model.Activations;
import laminar.model.io.ActivationsFile;
import laminar.model.Qkv;
import laminar.model.TokenPosition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The reports opened from disk in headless Chromium: a run of the bundled checkpoint and a comparison of two runs.
 * The page's self-test ({@code #selftest}) reports errors, charts, the heatmaps' values after moving the slider
 * and a hover; the values are checked here against results.json and against cosines computed independently from
 * activations.safetensors. Screenshots go to {@code target/report-screenshots/}.
 */
class ReportBrowserTest {

    static final Path BUNDLED = Path.of("..", "golden", "models", "tiny-gpt2");
    static final Path SHOTS = Path.of("target", "report-screenshots");

    @TempDir
    static Path tmp;
    static Chromium chromium;
    static Path run;
    static Path other;
    static Path compare;

    @BeforeAll
    static void runs() {
        chromium = Chromium.require();
        run = tmp.resolve("run");
        other = tmp.resolve("other");
        compare = tmp.resolve("compare");
        laminar("run", "--model", BUNDLED.toString(), "--out", run.toString(), "--quiet");
        laminar("run", "--model", BUNDLED.toString(), "--template", "A word: {word}", "--out", other.toString(),
                "--quiet", "--no-figures", "--no-report");
        laminar("compare", run.toString(), other.toString(), "--labels", "notebook template,colon template",
                "--out", compare.toString());
    }

    static void laminar(String... args) {
        CompareReportTest.Outcome o = CompareReportTest.laminar(args);
        assertThat(o.code()).as(o.err()).isZero();
    }

    @Test
    void runReportDrawsEveryChartAndFigureWithoutErrors() throws Exception {
        JsonObject v = chromium.selftest(run.resolve("report.html"));
        assertThat(v.getAsJsonArray("errors")).as("console errors").isEmpty();
        Map<String, Boolean> charts = new java.util.TreeMap<>();
        v.getAsJsonObject("charts").entrySet().forEach(e -> charts.put(e.getKey(), e.getValue().getAsBoolean()));
        assertThat(charts).hasSize(Profile.ALL.size() + 3).doesNotContainValue(false)
                .containsKeys("matrix-q", "matrix-k", "matrix-v", "profile-rsa", "profile-fisher_z_t");
        // the notebook's twelve, the measures' three and the two inference figures (on by default)
        int figures = laminar.figures.Figures.NAMES.size() + laminar.figures.parts.MeasureFigures.NAMES.size()
                + laminar.figures.parts.InferenceFigures.NAMES.size();
        assertThat(v.getAsJsonObject("images").get("total").getAsInt()).isEqualTo(figures);
        assertThat(v.getAsJsonObject("images").get("loaded").getAsInt()).isEqualTo(figures);
        chromium.screenshot(run.resolve("report.html"), SHOTS.resolve("run-report.png"), 1400, 2600);
        assertThat(Files.size(SHOTS.resolve("run-report.png"))).isGreaterThan(50_000);
    }

    @Test
    void sliderShowsEachLayersMatricesAndHoverNamesTheWordPair() throws Exception {
        JsonObject v = chromium.selftest(run.resolve("report.html"));
        JsonObject results = JsonParser.parseString(Files.readString(run.resolve("results.json"))).getAsJsonObject();
        Activations acts = ActivationsFile.read(run.resolve("activations.safetensors"));
        JsonArray pairs = v.getAsJsonArray("pairs");
        JsonObject layers = v.getAsJsonObject("layers");
        assertThat(layers.keySet()).containsExactlyInAnyOrder("0", "6", "11");
        // 16-bit codes over each matrix's range: at most half a step (< 2/65535 / 2) away, plus float rounding.
        double tol = 2e-5;
        JsonObject cosine = results.getAsJsonObject("layer_detail").getAsJsonObject("cosine");
        for (String layer : layers.keySet()) {
            JsonObject shown = layers.getAsJsonObject(layer);
            assertThat(shown.get("shown").getAsInt()).isEqualTo(Integer.parseInt(layer));
            assertThat(shown.get("label").getAsString()).isEqualTo(layer);
            for (Qkv kind : Qkv.values()) {
                JsonArray values = shown.getAsJsonArray(kind.key());
                for (int p = 0; p < pairs.size(); p++) {
                    int i = pairs.get(p).getAsJsonArray().get(0).getAsInt();
                    int j = pairs.get(p).getAsJsonArray().get(1).getAsInt();
                    double expected = layer.equals("6")
                            ? cosine.getAsJsonObject().getAsJsonArray(kind.key()).get(i).getAsJsonArray().get(j).getAsDouble()
                            : cosine(acts, Integer.parseInt(layer), kind, i, j);
                    assertThat(values.get(p).getAsDouble()).as("layer %s %s (%d, %d)", layer, kind, i, j)
                            .isCloseTo(expected, within(tol));
                }
            }
        }
        assertThat(layers.getAsJsonObject("0").getAsJsonArray("q"))
                .isNotEqualTo(layers.getAsJsonObject("6").getAsJsonArray("q"));
        JsonObject hover = v.getAsJsonObject("hover");
        assertThat(hover.get("expected").getAsString()).contains(" × ");
        assertThat(hover.get("shown").getAsString()).startsWith(hover.get("expected").getAsString());
    }

    @Test
    void compareReportDrawsTheOverlaidProfilesAndItsFigures() throws Exception {
        JsonObject v = chromium.selftest(compare.resolve("report.html"));
        assertThat(v.get("kind").getAsString()).isEqualTo("compare");
        assertThat(v.getAsJsonArray("errors")).as("console errors").isEmpty();
        assertThat(v.getAsJsonObject("charts").keySet()).hasSize(Profile.ALL.size());
        v.getAsJsonObject("charts").entrySet().forEach(e -> assertThat(e.getValue().getAsBoolean()).as(e.getKey()).isTrue());
        assertThat(v.getAsJsonObject("images").get("loaded").getAsInt()).isEqualTo(Profile.ALL.size());
        chromium.screenshot(compare.resolve("report.html"), SHOTS.resolve("compare-report.png"), 1400, 1400);
        assertThat(Files.size(SHOTS.resolve("compare-report.png"))).isGreaterThan(50_000);
    }

    @Test
    void aboveTheCellLimitTheMatricesAreOneImageWithTheSameValuesAndHover(@TempDir Path dir) throws Exception {
        int n = 200;
        Activations acts = LayerMatricesTest.random(n, 3, 8, 5);
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < n; i++) {
            words.append("c").append(i % 4).append('\t').append("w").append(i).append('\n'); // interleaved categories
        }
        Path wordsFile = Files.writeString(dir.resolve("words.tsv"), words);
        ActivationsFile.write(dir.resolve("acts.safetensors"), acts);
        Path out = dir.resolve("big");
        laminar("analyze", "--activations", dir.resolve("acts.safetensors").toString(), "--words", wordsFile.toString(),
                "--layer", "1", "--corr-position", "last", "--no-figures", "--out", out.toString());
        JsonObject v = chromium.selftest(out.resolve("report.html"));
        assertThat(v.getAsJsonArray("errors")).as("console errors").isEmpty();
        v.getAsJsonObject("charts").entrySet().forEach(e -> assertThat(e.getValue().getAsBoolean()).as(e.getKey()).isTrue());
        JsonArray pairs = v.getAsJsonArray("pairs");
        for (String layer : new String[] {"0", "1", "2"}) {
            JsonArray shown = v.getAsJsonObject("layers").getAsJsonObject(layer).getAsJsonArray("k");
            for (int p = 0; p < pairs.size(); p++) {
                int i = pairs.get(p).getAsJsonArray().get(0).getAsInt();
                int j = pairs.get(p).getAsJsonArray().get(1).getAsInt();
                assertThat(shown.get(p).getAsDouble()).isCloseTo(cosine(acts, Integer.parseInt(layer), Qkv.K, i, j),
                        within(2e-5));
            }
        }
        // display order groups the interleaved categories: the top-left cell is w0, the top-right the last c3 word
        assertThat(v.getAsJsonObject("hover").get("expected").getAsString()).isEqualTo("w0 × w199");
        assertThat(v.getAsJsonObject("hover").get("shown").getAsString()).startsWith("Q: w0 × w199 (c0 × c3)");
        chromium.screenshot(out.resolve("report.html"), SHOTS.resolve("run-report-200-words.png"), 1400, 1600);
    }

    /** Cosine of two words' last-token rows, in double, independent of the kernels. */
    static double cosine(Activations acts, int layer, Qkv kind, int i, int j) {
        float[] rows = acts.rows(layer, kind, TokenPosition.LAST);
        int d = acts.nEmbd();
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (int t = 0; t < d; t++) {
            double a = rows[i * d + t];
            double b = rows[j * d + t];
            dot += a * b;
            ni += a * a;
            nj += b * b;
        }
        return dot / Math.sqrt(ni * nj);
    }
}
