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
import static org.assertj.core.api.Assertions.within;

/** The inference options on the command line: the block, the CSV, determinism by seed, and bad values. */
class InferenceCliTest {

    @Test
    void runWritesTheInferenceBlockAndCsvDeterministicallyBySeed(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        MainTest.Outcome o = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--no-figures", "--permutations", "199", "--bootstrap", "50", "--seed", "3");
        assertThat(o.code()).as(o.err()).isZero();
        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        JsonObject inf = json.getAsJsonObject("inference");
        assertThat(inf.get("permutations").getAsInt()).isEqualTo(199);
        assertThat(inf.get("bootstrap").getAsInt()).isEqualTo(50);
        assertThat(inf.get("alternative").getAsString()).isEqualTo("greater");
        JsonObject t = inf.getAsJsonObject("selectivity_t");
        JsonArray selectivity = json.getAsJsonArray("selectivity");
        for (int l = 0; l < 12; l++) {
            for (int k = 0; k < 3; k++) {
                // the observed t from the permutation kernels' sums is Part 6's t (those sums are float32 panels
                // within 1.017e-6 of Σ|terms|, laminar.kernels.RowDots: here a few 1e-9 relative apart)
                double part6 = selectivity.get(l).getAsJsonArray().get(k).getAsJsonArray().get(1).getAsDouble();
                assertThat(at(t, "observed", l, k)).isCloseTo(part6, within(1e-6 * Math.abs(part6)));
                double p = at(t, "p", l, k);
                assertThat(p).isBetween(1 / 200.0, 1.0);
                assertThat(Math.round(p * 200) / 200.0).isEqualTo(p, within(1e-12)); // (1 + count) / (1 + P)
                assertThat(at(t, "p_fwer", l, k)).isGreaterThanOrEqualTo(p);
                assertThat(at(t, "q_fdr", l, k)).isGreaterThanOrEqualTo(p);
                JsonArray ci = t.getAsJsonArray("ci95").get(l).getAsJsonArray().get(k).getAsJsonArray();
                assertThat(ci.get(0).getAsDouble()).isLessThanOrEqualTo(ci.get(1).getAsDouble());
            }
        }
        List<String> csv = Files.readAllLines(out.resolve("inference.csv"));
        assertThat(csv).hasSize(1 + 5 * 12 * 3);
        assertThat(csv.getFirst()).isEqualTo("layer,matrix,statistic,observed,p,p_fwer,q_fdr,ci_low,ci_high,se");

        Path same = tmp.resolve("same");
        Path other = tmp.resolve("other");
        String acts = out.resolve("activations.safetensors").toString();
        for (Object[] c : new Object[][] {{same, "3"}, {other, "4"}}) {
            MainTest.Outcome a = MainTest.run("analyze", "--activations", acts, "--out", c[0].toString(),
                    "--no-figures", "--permutations", "199", "--bootstrap", "50", "--seed", (String) c[1]);
            assertThat(a.code()).as(a.err()).isZero();
        }
        assertThat(inference(same)).isEqualTo(inf);
        assertThat(inference(other).get("selectivity_t")).isNotEqualTo(inf.get("selectivity_t"));
    }

    @Test
    void badInferenceOptionsExitTwoBeforeAnyWork(@TempDir Path tmp) {
        Path out = tmp.resolve("x");
        MainTest.Outcome neg = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--permutations", "-1");
        assertThat(neg.code()).isEqualTo(2);
        assertThat(neg.err()).contains("--permutations and --bootstrap must be >= 0");
        MainTest.Outcome alt = MainTest.run("run", "--model", MainTest.BUNDLED.toString(), "--out", out.toString(),
                "--quiet", "--alternative", "less");
        assertThat(alt.code()).isEqualTo(2);
        assertThat(alt.err()).contains("--alternative must be 'greater' or 'two-sided'");
        assertThat(out).doesNotExist();
    }

    private static JsonObject inference(Path dir) throws Exception {
        return JsonParser.parseString(Files.readString(dir.resolve("results.json"))).getAsJsonObject()
                .getAsJsonObject("inference");
    }

    private static double at(JsonObject block, String key, int l, int k) {
        return block.getAsJsonArray(key).get(l).getAsJsonArray().get(k).getAsDouble();
    }
}
