package laminar.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import laminar.analysis.PerHead;

/**
 * The {@code heads} block of results.json ({@code --per-head}): {@code selectivity[L][H][3][3]},
 * {@code selectivity_fisher_z[L][H][3][3]}, {@code rsa[L][H][3]}, {@code kv_group[H]}.
 */
public final class HeadsJson {

    private HeadsJson() {
    }

    /** {@code results} (the text {@link ResultsJson#render} made) with {@code heads} added; other values unchanged. */
    public static String addTo(String results, PerHead heads) {
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
        root.add("heads", h);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root) + "\n";
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
