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

/** {@code --measure}, {@code --standardize}, {@code --compare} from the command line on the bundled checkpoint. */
class MeasureOptionsTest {

    @Test
    void euclideanWithZscoreAndKendallWritesTheNewKeysTablesAndFigures(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--permutations", "20", "--bootstrap", "10", "--measure", "euclidean", "--standardize",
                "zscore", "--compare", "kendall-tau-a");
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        assertThat(json.get("measure").getAsString()).isEqualTo("euclidean");
        assertThat(json.get("standardize").getAsString()).isEqualTo("zscore");
        assertThat(json.get("compare").getAsString()).isEqualTo("kendall-tau-a");
        JsonArray fit = json.getAsJsonArray("category_fit");
        assertThat(fit).hasSize(12);
        assertThat(fit.get(0).getAsJsonArray()).hasSize(3);
        double tau = fit.get(0).getAsJsonArray().get(0).getAsDouble();
        assertThat(tau).isBetween(-1.0, 1.0);
        assertThat(json.getAsJsonArray("cka")).hasSize(12);
        JsonArray q = json.getAsJsonObject("cka_layers").getAsJsonArray("q");
        assertThat(q).hasSize(12);
        assertThat(q.get(4).getAsJsonArray().get(4).getAsDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        // Part 7b's Fisher-z does not apply to distances: null, while Part 6 is computed.
        assertThat(json.getAsJsonArray("selectivity_fisher_z").get(0).getAsJsonArray().get(0).getAsJsonArray()
                .get(1).isJsonNull()).isTrue();
        assertThat(json.getAsJsonArray("selectivity").get(0).getAsJsonArray().get(0).getAsJsonArray()
                .get(1).isJsonNull()).isFalse();
        // The inference follows: no Fisher-z statistic on distances, no bootstrap interval for a rank RSA.
        JsonObject inference = json.getAsJsonObject("inference");
        assertThat(inference.getAsJsonObject("selectivity_fisher_z_t").getAsJsonArray("observed").get(0)
                .getAsJsonArray().get(0).isJsonNull()).isTrue();
        assertThat(inference.getAsJsonObject("selectivity_t").getAsJsonArray("p").get(0).getAsJsonArray().get(0)
                .isJsonNull()).isFalse();
        JsonArray rsaCi = inference.getAsJsonObject("rsa").getAsJsonArray("ci95").get(0).getAsJsonArray();
        assertThat(rsaCi.get(0).getAsJsonArray().get(0).isJsonNull()).isTrue();
        assertThat(inference.getAsJsonObject("rsa").getAsJsonArray("observed").get(0).getAsJsonArray().get(0)
                .getAsDouble()).isEqualTo(json.getAsJsonArray("rsa").get(0).getAsJsonArray().get(0).getAsDouble(),
                org.assertj.core.data.Offset.offset(1e-12));
        List<String> csv = Files.readAllLines(out.resolve("category_fit.csv"));
        assertThat(csv).hasSize(13).first().isEqualTo("layer,Q,K,V");
        assertThat(csv.get(1)).startsWith("0," + tau + ",");
        assertThat(Files.readAllLines(out.resolve("cka.csv")).getFirst()).isEqualTo("layer,QK,QV,KV");
        assertThat(Files.readAllLines(out.resolve("cka_layers_v.csv"))).hasSize(13);
        for (String f : new String[] {"category_fit", "cka", "cka_layers", "part7b", "part3a"}) {
            assertThat(out.resolve("figures").resolve(f + ".png")).exists();
        }
    }

    @Test
    void theDefaultsAreTheNotebooksAndNamedInResults(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--no-figures", "--permutations", "0", "--bootstrap", "0");
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        assertThat(json.get("measure").getAsString()).isEqualTo("cosine");
        assertThat(json.get("standardize").getAsString()).isEqualTo("none");
        assertThat(json.get("compare").getAsString()).isEqualTo("pearson");
    }

    @Test
    void noCkaLeavesCkaOutAndEverythingElseAsTheDefaultRun(@TempDir Path tmp) throws Exception {
        JsonObject[] json = new JsonObject[2];
        String[][] extra = {{}, {"--no-cka"}};
        for (int r = 0; r < 2; r++) {
            Path out = tmp.resolve("run" + r);
            List<String> args = new java.util.ArrayList<>(List.of("run", "--model", MainTest.BUNDLED.toString(),
                    "--out", out.toString(), "--quiet", "--no-figures",
                    "--permutations", "0", "--bootstrap", "0"));
            args.addAll(List.of(extra[r]));
            MainTest.Outcome o = MainTest.run(args.toArray(String[]::new));
            assertThat(o.code()).as(o.err()).isZero();
            json[r] = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
            assertThat(Files.exists(out.resolve("cka.csv"))).isEqualTo(r == 0);
            assertThat(Files.exists(out.resolve("cka_layers_q.csv"))).isEqualTo(r == 0);
            assertThat(out.resolve("report.html")).exists();
        }
        assertThat(json[0].getAsJsonArray("cka")).hasSize(json[0].get("n_layers").getAsInt());
        assertThat(json[1].get("cka").isJsonNull()).isTrue();
        assertThat(json[1].get("cka_layers").isJsonNull()).isTrue();
        for (String key : new String[] {"rsa", "selectivity", "selectivity_fisher_z", "category_fit", "qkv_correlation"}) {
            assertThat(json[1].get(key)).as(key).isEqualTo(json[0].get(key));
        }
    }

    @Test
    void unknownChoicesExitWithTwoNamingTheValidOnesAndWriteNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("o");
        String[][] cases = {
                {"--measure", "manhattan"}, {"--standardize", "minmax"}, {"--compare", "tau-b"},
        };
        String[] valid = {"cosine, correlation or euclidean", "none, center or zscore", "pearson, spearman or kendall-tau-a"};
        for (int i = 0; i < cases.length; i++) {
            MainTest.Outcome o = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                    "--quiet", cases[i][0], cases[i][1]);
            assertThat(o.code()).as(o.err()).isEqualTo(Main.BAD_INPUT);
            assertThat(o.err()).startsWith("laminar: ").contains(valid[i]).doesNotContain("Exception");
            assertThat(out).doesNotExist();
        }
    }
}
