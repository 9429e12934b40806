package laminar.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.model.io.ActivationsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze --per-head}: the heads of a saved run's activations equal the run's own (which ArchRunTest checks
 * against numpy), with the heads read from the file's metadata or given by {@code --heads}.
 */
class AnalyzeCommandTest {

    private static final Path MISTRAL = Path.of("..", "golden", "models", "tiny-mistral");

    private static JsonObject heads(Path out) throws IOException {
        return JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject()
                .getAsJsonObject("heads");
    }

    @Test
    void perHeadOnSavedActivationsEqualsTheRunsHeadsFromMetadataOrHeadsOption(@TempDir Path tmp) throws Exception {
        // mistral: 4 query heads sharing 1 K/V head, recorded by the run in the activations' metadata
        Path run = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", MISTRAL.toString(), "--out", run.toString(), "--quiet",
                "--no-figures", "--no-report", "--per-head");
        assertThat(o.code()).as(o.err()).isZero();
        Path acts = run.resolve("activations.safetensors");
        assertThat(ActivationsFile.metadata(acts)).containsEntry(ActivationsFile.HEADS, "4")
                .containsEntry(ActivationsFile.KV_HEADS, "1");

        Path fromMeta = tmp.resolve("meta");
        o = MainTest.run("analyze", "--activations", acts.toString(), "--out", fromMeta.toString(), "--per-head",
                "--no-report");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(heads(fromMeta)).isEqualTo(heads(run));
        for (String name : laminar.figures.parts.HeadsFigures.NAMES) {
            assertThat(fromMeta.resolve("figures").resolve(name + ".png")).isNotEmptyFile();
        }

        Path given = tmp.resolve("given");
        o = MainTest.run("analyze", "--activations", acts.toString(), "--out", given.toString(), "--per-head",
                "--heads", "4:1", "--no-figures", "--no-report");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(heads(given)).isEqualTo(heads(run));

        // other groups: each query head its own K/V head, so kv_group is the identity
        Path mha = tmp.resolve("mha");
        o = MainTest.run("analyze", "--activations", acts.toString(), "--out", mha.toString(), "--per-head",
                "--heads", "4", "--no-figures", "--no-report");
        assertThat(o.code()).as(o.err()).isZero();
        assertThat(heads(mha).get("kv_group").toString()).isEqualTo("[0,1,2,3]");
    }

    @Test
    void headsThatDoNotFitAreRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(MainTest.run("run", "--model", MISTRAL.toString(), "--out", run.toString(), "--quiet",
                "--no-figures", "--no-report").code()).isZero();
        Path acts = run.resolve("activations.safetensors");
        String[][] cases = {
            {"--heads", "3"}, {"features per layer do not split into 3 heads"},
            {"--heads", "4:3"}, {"is not H or H:KV with KV dividing H"},
            {"--heads", "x"}, {"is not H or H:KV"},
        };
        for (int i = 0; i < cases.length; i += 2) {
            Path out = tmp.resolve("o" + i);
            MainTest.Outcome o = MainTest.run("analyze", "--activations", acts.toString(), "--out", out.toString(),
                    "--per-head", cases[i][0], cases[i][1]);
            assertThat(o.code()).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(o.err()).contains(cases[i + 1][0]);
            assertThat(out).doesNotExist();
        }
        MainTest.Outcome o = MainTest.run("analyze", "--activations", acts.toString(), "--out",
                tmp.resolve("x").toString(), "--heads", "4");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("only used with --per-head");
    }

    @Test
    void aFileWithoutHeadsAsksForTheHeadsOption(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", run.toString(), "--quiet",
                "--no-figures", "--no-report").code()).isZero();
        // the same activations as a file written before the heads were recorded
        Path old = tmp.resolve("old.safetensors");
        ActivationsFile.write(old, ActivationsFile.read(run.resolve("activations.safetensors")));
        MainTest.Outcome o = MainTest.run("analyze", "--activations", old.toString(), "--out",
                tmp.resolve("o").toString(), "--per-head", "--no-figures");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("does not record the model's heads").contains("--heads H[:KV]");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void demoPerHeadGivesTheBundledModelsHeads(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        assertThat(MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", run.toString(), "--quiet",
                "--no-figures", "--no-report", "--per-head").code()).isZero();
        String home = System.getProperty("laminar.home");
        System.setProperty("laminar.home", "..");
        try {
            Path demo = tmp.resolve("demo");
            MainTest.Outcome o = MainTest.run("demo", "--out", demo.toString(), "--no-figures", "--no-report",
                    "--per-head");
            assertThat(o.code()).as(o.err()).isZero();
            assertThat(heads(demo)).isEqualTo(heads(run));
        } finally {
            if (home == null) {
                System.clearProperty("laminar.home");
            } else {
                System.setProperty("laminar.home", home);
            }
        }
    }
}
