package laminar.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.analysis.LaminarResults;
import laminar.analysis.TemplateResults;
import laminar.model.Activations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run over several templates adds to {@code results.json} (whose other keys then hold the parts on the
 * template-averaged matrices): {@code templates} (in the order given), {@code noise_ceiling [layer][Q, K, V][lower,
 * upper]} and {@code per_template {template: {tokens, qkv_correlation, rsa, selectivity, selectivity_fisher_z,
 * category_fit, cka}}} (each word's sentence token ids, then the per-part arrays of that template alone); and
 * {@code noise_ceiling.csv}.
 */
public final class TemplatesJson {

    private TemplatesJson() {
    }

    /** {@code results} with the templates' keys added. */
    public static String addTo(String results, TemplateResults t, List<Activations> acts) {
        JsonObject root = JsonParser.parseString(results).getAsJsonObject();
        JsonArray names = new JsonArray();
        t.templates().forEach(names::add);
        root.add("templates", names);
        root.add("noise_ceiling", ResultsJson.cube(t.noiseCeiling()));
        JsonObject per = new JsonObject();
        for (int i = 0; i < t.templates().size(); i++) {
            LaminarResults r = t.perTemplate().get(i);
            JsonObject o = new JsonObject();
            JsonArray tokens = new JsonArray();
            for (int w = 0; w < acts.get(i).nWords(); w++) {
                JsonArray ids = new JsonArray();
                for (int id : acts.get(i).tokenIds(w)) {
                    ids.add(id);
                }
                tokens.add(ids);
            }
            o.add("tokens", tokens);
            o.add("qkv_correlation", ResultsJson.matrix(r.part2().byLayer()));
            o.add("rsa", ResultsJson.matrix(r.part4().rsa()));
            o.add("selectivity", ResultsJson.cube(r.part6().values()));
            o.add("selectivity_fisher_z", ResultsJson.cube(r.part7().selectivity().values()));
            o.add("category_fit", ResultsJson.matrix(r.measures().categoryFit()));
            o.add("cka", r.measures().cka() == null ? com.google.gson.JsonNull.INSTANCE
                    : ResultsJson.matrix(r.measures().cka()));
            per.add(t.templates().get(i), o);
        }
        root.add("per_template", per);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root) + "\n";
    }

    /** {@code noise_ceiling.csv}: layer, then the lower and upper bound of Q, K and V. */
    public static void writeCsv(TemplateResults t, Path dir) throws IOException {
        double[][][] c = t.noiseCeiling();
        double[][] rows = new double[c.length][6];
        for (int l = 0; l < c.length; l++) {
            for (int k = 0; k < 3; k++) {
                rows[l][2 * k] = c[l][k][0];
                rows[l][2 * k + 1] = c[l][k][1];
            }
        }
        Files.write(dir.resolve("noise_ceiling.csv"), CsvTables.pairTable(
                new String[] {"Q_lower", "Q_upper", "K_lower", "K_upper", "V_lower", "V_upper"}, rows));
    }
}
