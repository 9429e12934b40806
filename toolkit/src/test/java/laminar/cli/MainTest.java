package laminar.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end on the bundled checkpoint: outputs, and every bad input's message and exit code. */
class MainTest {

    static final Path BUNDLED = Path.of("..", "golden", "models", "tiny-gpt2");

    record Outcome(int code, String err) {
    }

    static Outcome run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Outcome(Main.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void runWritesResultsCsvsAndActivationsThenAnalyzeReproducesThem(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Outcome o = run("run", "--model", BUNDLED.toString(), "--out", out.toString(), "--quiet", "--no-figures");
        assertThat(o.code()).as(o.err()).isZero();
        for (String f : new String[] {"results.json", "activations.safetensors", "qkv_correlation.csv", "rsa.csv",
                "selectivity.csv", "selectivity_fisher_z.csv"}) {
            assertThat(out.resolve(f)).exists();
        }
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        assertThat(json.get("n_layers").getAsInt()).isEqualTo(12);
        assertThat(json.getAsJsonArray("words")).hasSize(34);
        assertThat(json.getAsJsonArray("rsa")).hasSize(12);
        assertThat(json.getAsJsonArray("selectivity").get(0).getAsJsonArray()).hasSize(3);
        assertThat(Files.readAllLines(out.resolve("rsa.csv"))).hasSize(13).first().isEqualTo("layer,QK,QV,KV");
        assertThat(Files.readString(out.resolve("report.html"))).contains("\"n_layers\":12").contains("echarts");

        Path again = tmp.resolve("analyze");
        Outcome a = run("analyze", "--activations", out.resolve("activations.safetensors").toString(),
                "--out", again.toString(), "--no-figures", "--no-report");
        assertThat(a.code()).as(a.err()).isZero();
        assertThat(again.resolve("report.html")).doesNotExist();
        JsonObject json2 = JsonParser.parseString(Files.readString(again.resolve("results.json"))).getAsJsonObject();
        assertThat(json2.get("rsa")).isEqualTo(json.get("rsa"));
        assertThat(json2.get("selectivity")).isEqualTo(json.get("selectivity"));
        assertThat(json2.get("layer_detail")).isEqualTo(json.get("layer_detail"));
    }

    @Test
    void thePeakMemoryIsReadAtTheEndOfTheRun(@TempDir Path tmp) {
        Outcome o = run("run", "--model", BUNDLED.toString(), "--out", tmp.resolve("o").toString(), "--quiet",
                "--no-figures");
        assertThat(o.code()).as(o.err()).isZero();
        long after = laminar.model.ProcessMemory.peakRssBytes();
        java.util.List<String> lines = o.err().lines().toList();
        java.util.regex.Matcher last = java.util.regex.Pattern.compile(
                "laminar: peak memory ([0-9.]+) (MiB|GiB) \\(the whole run's resident peak, VmHWM\\)")
                .matcher(lines.getLast());
        assertThat(last.matches()).as(lines.getLast()).isTrue();
        double printed = Double.parseDouble(last.group(1)) * (last.group(2).equals("GiB") ? 1024 : 1);
        // VmHWM only grows: the value printed last is this process's peak up to a moment ago (rounded to the unit)
        assertThat(printed).isCloseTo(after / (double) (1 << 20), org.assertj.core.api.Assertions.within(16.0));
        assertThat(o.err()).contains("peak memory so far"); // the extraction's own line says what it is
    }

    @Test
    void badInputsExitWithTwoAndOneLineAndNoOutput(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("o");
        Path oneCategory = Files.writeString(tmp.resolve("one.tsv"), "a\tmoon\na\tsun\n");
        Path dup = Files.writeString(tmp.resolve("dup.tsv"), "a\tmoon\nb\tmoon\n");
        String model = BUNDLED.toString();
        String[][] cases = {
                {"run", "--model", tmp.resolve("missing").toString(), "--out", out.toString()},
                {"run", "--model", model, "--words", tmp.resolve("none.tsv").toString(), "--out", out.toString()},
                {"run", "--model", model, "--words", oneCategory.toString(), "--out", out.toString()},
                {"run", "--model", model, "--words", dup.toString(), "--out", out.toString()},
                {"run", "--model", model, "--template", "no placeholder", "--out", out.toString()},
                {"run", "--model", model, "--layer", "12", "--out", out.toString(), "--quiet"},
                {"run", "--model", model, "--layer", "-1", "--out", out.toString(), "--quiet"},
                {"run", "--model", model, "--corr-position", "x", "--out", out.toString()},
                {"run", "--model", model, "--corr-position", "5", "--out", out.toString(), "--quiet"},
                {"run", "--model", model, "--backend", "cuda-magic", "--out", out.toString(), "--quiet"},
                {"analyze", "--activations", tmp.resolve("none.safetensors").toString(), "--out", out.toString()},
                {"run", "--model", model, "--bogus-option", "--out", out.toString()},
        };
        for (String[] args : cases) {
            Outcome o = run(args);
            assertThat(o.code()).as(String.join(" ", args) + " -> " + o.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err()).as(String.join(" ", args)).startsWith("laminar: ").doesNotContain("Exception");
            assertThat(out).as("no output after " + String.join(" ", args)).doesNotExist();
            try (var s = Files.list(tmp)) {
                assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("partial"));
            }
        }
    }

    @Test
    void anExistingOutputIsNotClobberedWithoutForce(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("o"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Outcome o = run("run", "--model", BUNDLED.toString(), "--out", out.toString(), "--quiet");
        assertThat(o.code()).isEqualTo(Main.BAD_INPUT);
        assertThat(o.err()).contains("--force");
        assertThat(out.resolve("keep.txt")).hasContent("mine");
    }

    @Test
    void analyzeReadsTheNotebooksOwnActivationFileGivenTheWords(@TempDir Path tmp) throws Exception {
        Path golden = Path.of("..", "golden", "values", "notebook-34");
        Path out = tmp.resolve("a");
        Outcome o = run("analyze", "--activations", golden.resolve("activations.safetensors").toString(),
                "--words", Path.of("..", "golden", "words", "notebook-34.tsv").toString(), "--out", out.toString(),
                "--no-figures");
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        JsonObject part4 = JsonParser.parseString(Files.readString(golden.resolve("part4.json"))).getAsJsonObject();
        for (int l = 0; l < 12; l++) {
            for (int p = 0; p < 3; p++) {
                assertThat(json.getAsJsonArray("rsa").get(l).getAsJsonArray().get(p).getAsDouble())
                        .isCloseTo(part4.getAsJsonArray("rsa").get(l).getAsJsonArray().get(p).getAsDouble(),
                                org.assertj.core.api.Assertions.within(1e-6));
            }
        }
        assertThat(json.getAsJsonArray("words").get(0).getAsJsonObject().getAsJsonArray("tokens").get(0).getAsInt())
                .isEqualTo(-1);
        // Without the words, a plain file is refused with a hint.
        Outcome refused = run("analyze", "--activations", golden.resolve("activations.safetensors").toString(),
                "--out", tmp.resolve("b").toString());
        assertThat(refused.code()).isEqualTo(Main.BAD_INPUT);
    }
}
