package laminar.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.analysis.PerHead;
import laminar.analysis.inference.HeadInference;
import laminar.analysis.inference.Inference;
import laminar.analysis.inference.Statistic;
import laminar.analysis.inference.StatisticInference;

/**
 * The {@code heads} block of results.json ({@code --per-head}): {@code selectivity[L][H][3][3]},
 * {@code selectivity_fisher_z[L][H][3][3]}, {@code rsa[L][H][3]}, {@code kv_group[H]}; with inference also
 * {@code inference}: {@code permutations, bootstrap, seed, alternative, family} and per statistic
 * ({@link HeadInference#STATISTICS}) {@code observed, p, p_fwer, q_fdr, se [L][H][3]} and {@code ci95[L][H][3][2]},
 * p_fwer and q_fdr over the family layers × heads × 3. Undefined values are null.
 */
public final class HeadsJson {

    private HeadsJson() {
    }

    /** {@code results} (the text {@link ResultsJson#render} made) with {@code heads} added; other values unchanged. */
    public static String addTo(String results, PerHead heads) {
        return addTo(results, heads, null);
    }

    /** {@link #addTo(String, PerHead)} with {@code heads.inference} when {@code inference} is not null. */
    public static String addTo(String results, PerHead heads, HeadInference inference) {
        JsonObject root = JsonParser.parseString(results).getAsJsonObject();
        JsonObject h = new JsonObject();
        h.add("selectivity", array(heads.selectivity()));
        h.add("selectivity_fisher_z", array(heads.selectivityFisherZ()));
        h.add("rsa", array(heads.rsa()));
        JsonArray group = new JsonArray();
        for (int g : heads.kvGroup()) {
            group.add(g);
        }
        h.add("kv_group", group);
        if (inference != null) {
            h.add("inference", inference(inference));
        }
        root.add("heads", h);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root) + "\n";
    }

    private static JsonObject inference(HeadInference hi) {
        Inference inf = hi.cells();
        JsonObject o = new JsonObject();
        o.addProperty("permutations", inf.permutations());
        o.addProperty("bootstrap", inf.bootstrap());
        o.addProperty("seed", inf.seed());
        o.addProperty("alternative", inf.alternative().label());
        o.addProperty("family", "layers x heads x 3");
        for (Statistic s : HeadInference.STATISTICS) {
            StatisticInference si = hi.of(s);
            JsonObject block = new JsonObject();
            block.add("observed", ResultsJson.cube(hi.byHead(si.observed())));
            block.add("p", ResultsJson.cube(hi.byHead(si.p())));
            block.add("p_fwer", ResultsJson.cube(hi.byHead(si.pFwer())));
            block.add("q_fdr", ResultsJson.cube(hi.byHead(si.qFdr())));
            JsonArray ci = new JsonArray();
            for (double[][][] layer : hi.byHead(si.ci95())) {
                ci.add(ResultsJson.cube(layer));
            }
            block.add("ci95", ci);
            block.add("se", ResultsJson.cube(hi.byHead(si.se())));
            o.add(s.key(), block);
        }
        return o;
    }

    private static JsonArray array(Object values) {
        JsonArray a = new JsonArray();
        if (values instanceof double[] row) {
            for (double v : row) {
                a.add(v);
            }
        } else {
            for (Object inner : (Object[]) values) {
                a.add(array(inner));
            }
        }
        return a;
    }
}
