package laminar.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --per-head} with inference on: results.json {@code heads.inference} holds p, p_fwer, q_fdr, ci95
 * and se per layer × head × 3 for the four tested statistics, heads_inference.csv holds the same numbers row by
 * row, and the whole-layer {@code inference} block is the one a run without {@code --per-head} writes. With the
 * inference off there is neither.
 */
class PerHeadInferenceRunTest {

    private static final List<String> STATISTICS = List.of("selectivity_diff", "selectivity_t",
            "selectivity_fisher_z_t", "rsa");

    private static JsonObject results(Path out) throws IOException {
        return JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
    }

    private static Path run(Path out, int permutations, int bootstrap, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--model", MainTest.BUNDLED.toString(), "--out",
                out.toString(), "--quiet", "--no-figures", "--no-report", "--permutations", "" + permutations,
                "--bootstrap", "" + bootstrap));
        args.addAll(List.of(extra));
        MainTest.Outcome o = MainTest.run(args.toArray(String[]::new));
        assertThat(o.code()).as(o.err()).isZero();
        return out;
    }

    @Test
    void headsInferenceIsInResultsAndCsvAndLeavesTheLayerInferenceAsItWas(@TempDir Path tmp) throws Exception {
        JsonObject heads = results(run(tmp.resolve("heads"), 99, 40, "--per-head"));
        JsonObject layers = results(run(tmp.resolve("layers"), 99, 40));
        assertThat(heads.get("inference")).as("the whole-layer inference").isEqualTo(layers.get("inference"));

        JsonObject inf = heads.getAsJsonObject("heads").getAsJsonObject("inference");
        assertThat(inf.get("permutations").getAsInt()).isEqualTo(99);
        assertThat(inf.get("bootstrap").getAsInt()).isEqualTo(40);
        List<String> csv = Files.readAllLines(tmp.resolve("heads").resolve("heads_inference.csv"));
        assertThat(csv.getFirst()).isEqualTo("layer,head,matrix,statistic,observed,p,p_fwer,q_fdr,ci_low,ci_high");
        assertThat(csv).hasSize(1 + STATISTICS.size() * 12 * 4 * 3);
        int line = 1;
        for (String s : STATISTICS) {
            JsonObject block = inf.getAsJsonObject(s);
            JsonArray p = block.getAsJsonArray("p");
            assertThat(p).as(s + " layers").hasSize(12);
            for (int l = 0; l < 12; l++) {
                assertThat(p.get(l).getAsJsonArray()).as(s + " heads").hasSize(4);
                for (int h = 0; h < 4; h++) {
                    for (int k = 0; k < 3; k++) {
                        String[] cells = csv.get(line++).split(",");
                        assertThat(cells[0] + "," + cells[1] + "," + cells[3]).isEqualTo(l + "," + h + "," + s);
                        double pv = at(block, "p", l, h, k);
                        double fwer = at(block, "p_fwer", l, h, k);
                        double q = at(block, "q_fdr", l, h, k);
                        assertThat(Double.parseDouble(cells[5])).isEqualTo(pv);
                        assertThat(Double.parseDouble(cells[6])).isEqualTo(fwer);
                        assertThat(Double.parseDouble(cells[7])).isEqualTo(q);
                        // the family-wise p is never below the raw p, the interval is ordered
                        assertThat(fwer).isGreaterThanOrEqualTo(pv);
                        JsonArray ci = block.getAsJsonArray("ci95").get(l).getAsJsonArray().get(h).getAsJsonArray()
                                .get(k).getAsJsonArray();
                        assertThat(ci.get(0).getAsDouble()).isLessThanOrEqualTo(ci.get(1).getAsDouble());
                        assertThat(Double.parseDouble(cells[8])).isEqualTo(ci.get(0).getAsDouble());
                    }
                }
            }
        }
    }

    @Test
    void withoutInferenceThereIsNoHeadsInference(@TempDir Path tmp) throws Exception {
        Path out = run(tmp.resolve("o"), 0, 0, "--per-head");
        assertThat(results(out).getAsJsonObject("heads").has("inference")).isFalse();
        assertThat(out.resolve("heads_inference.csv")).doesNotExist();
    }

    private static double at(JsonObject block, String key, int l, int h, int k) {
        return block.getAsJsonArray(key).get(l).getAsJsonArray().get(h).getAsJsonArray().get(k).getAsDouble();
    }
}
