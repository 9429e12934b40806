package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.cli.Main;
import laminar.figures.FigureFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CompareReportTest {

    static final String[] WORDS = {"a:sun", "a:moon", "b:cup", "b:mug"};
    static final String[] OTHER_CATEGORIES = {"x:sun", "x:moon", "y:cup", "y:mug"};

    record Outcome(int code, String err) {
    }

    static Outcome laminar(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Outcome(Main.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(old);
        }
    }

    /** The page's data, read back from report.html. */
    static JsonObject pageData(Path report) throws Exception {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"laminar-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(Files.readString(report));
        assertThat(m.find()).isTrue();
        return JsonParser.parseString(m.group(1)).getAsJsonObject();
    }

    @Test
    void relativeDepthOverlaysModelsOfDifferentDepthAndWritesFigures(@TempDir Path tmp) throws Exception {
        Path small = Fixtures.write(tmp.resolve("small"), Fixtures.results(3, WORDS, "T {word}", l -> l));
        Path deep = Fixtures.write(tmp.resolve("deep"), Fixtures.results(5, WORDS, "T {word}", l -> 10 * l));
        Path out = tmp.resolve("cmp");
        Outcome o = laminar("compare", small.toString(), deep.toString(), "--labels", "gpt2,gpt2-xl",
                "--depth", "relative", "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject data = pageData(out.resolve("report.html"));
        JsonArray profiles = data.getAsJsonArray("profiles");
        assertThat(profiles).hasSize(Profile.ALL.size());
        JsonObject rsa = profiles.get(1).getAsJsonObject();
        assertThat(rsa.get("x").getAsString()).isEqualTo("Relative depth");
        JsonArray series = rsa.getAsJsonArray("series");
        assertThat(series).hasSize(6);
        JsonObject deepKv = series.get(5).getAsJsonObject();
        assertThat(deepKv.get("name").getAsString()).isEqualTo("gpt2-xl · K-V");
        assertThat(deepKv.getAsJsonArray("x").toString()).isEqualTo("[0.0,0.25,0.5,0.75,1.0]");
        assertThat(deepKv.getAsJsonArray("y").get(3).getAsDouble()).isCloseTo(30.2, within(1e-12));
        assertThat(data.getAsJsonArray("notes").toString()).contains("relative depth");
        for (Profile p : Profile.ALL) {
            int[] png = FigureFiles.png(out.resolve("figures/compare_" + p.key() + ".png"));
            assertThat(png[2]).as("300 dpi in pixels per metre").isEqualTo(11811);
            assertThat(FigureFiles.texts(out.resolve("figures/compare_" + p.key() + ".svg")))
                    .contains(p.title(), "Relative depth");
        }
        assertThat(FigureFiles.texts(out.resolve("figures/compare_rsa.svg"))).contains("gpt2", "gpt2-xl", "Q-K");
    }

    @Test
    void runsWithOtherCategoriesAreComparedOnlyOnCorrelationsAndRsa(@TempDir Path tmp) throws Exception {
        Path a = Fixtures.write(tmp.resolve("a"), Fixtures.results(3, WORDS, "T {word}", l -> l));
        Path b = Fixtures.write(tmp.resolve("b"), Fixtures.results(3, OTHER_CATEGORIES, "U {word}", l -> l));
        Path out = tmp.resolve("cmp");
        Outcome o = laminar("compare", a.toString(), b.toString(), "--out", out.toString());
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject data = pageData(out.resolve("report.html"));
        List<String> keys = data.getAsJsonArray("profiles").asList().stream()
                .map(e -> e.getAsJsonObject().get("key").getAsString()).toList();
        assertThat(keys).containsExactly("qkv_correlation", "rsa");
        assertThat(data.getAsJsonArray("notes").toString()).contains("different categories")
                .contains("different templates");
        assertThat(out.resolve("figures/compare_selectivity_t.png")).doesNotExist();
        assertThat(data.getAsJsonArray("runs").get(1).getAsJsonObject().get("label").getAsString()).isEqualTo("b");
    }

    @Test
    void badInputExitsWithTwoAndOneLineAndWritesNothing(@TempDir Path tmp) throws Exception {
        Path a = Fixtures.write(tmp.resolve("a"), Fixtures.results(3, WORDS, "T {word}", l -> l));
        Path b = Fixtures.write(tmp.resolve("b"), Fixtures.results(3, WORDS, "T {word}", l -> l));
        Path notRun = Files.createDirectories(tmp.resolve("empty"));
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve("results.json"), "{\"n_layers\": 3}");
        Path out = tmp.resolve("out");
        String[][] cases = {
                {"compare", a.toString(), "--out", out.toString()},
                {"compare", a.toString(), notRun.toString(), "--out", out.toString()},
                {"compare", a.toString(), broken.toString(), "--out", out.toString()},
                {"compare", a.toString(), b.toString(), "--labels", "one", "--out", out.toString()},
                {"compare", a.toString(), b.toString(), "--depth", "deep", "--out", out.toString()},
                {"compare", a.toString(), tmp.resolve("missing").toString(), "--out", out.toString()},
        };
        String[] expected = {"at least two run directories", "not a laminar run directory (no results.json)",
                "not laminar's results.json", "--labels has 1 label(s) for 2 run directories",
                "--depth must be 'index' or 'relative'", "is not a directory"};
        for (int i = 0; i < cases.length; i++) {
            Outcome o = laminar(cases[i]);
            assertThat(o.code()).as(String.join(" ", cases[i])).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err().lines().filter(l -> l.startsWith("laminar:")).toList()).hasSize(1).first()
                    .asString().contains(expected[i]);
            assertThat(out).doesNotExist();
        }
    }
}
