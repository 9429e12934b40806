package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.List;

/**
 * One laminar profile the report draws: a per-layer value for three columns (Q, K, V or the pairs Q-K, Q-V, K-V),
 * read from {@code results.json}, and the {@code inference} block's statistic for it when there is one.
 *
 * @param key the chart's name (and the compare figure's file name)
 * @param title what the chart shows
 * @param yLabel the value axis
 * @param source the top-level key of results.json
 * @param index for {@code [layer][Q, K, V][triple]} sources the triple's element, else -1
 * @param inference the statistic's key in results.json's {@code inference} block, or null
 * @param pairs whether the columns are pairs (Q-K, Q-V, K-V) rather than Q, K, V
 */
public record Profile(String key, String title, String yLabel, String source, int index, String inference,
                      boolean pairs) {

    /** Every profile, in the order drawn. */
    public static final List<Profile> ALL = List.of(
            new Profile("qkv_correlation", "Q/K/V correlation (Part 2b)", "Correlation coefficient",
                    "qkv_correlation", -1, null, true),
            new Profile("rsa", "RSA between similarity matrices (Part 4)", "RSA", "rsa", -1, "rsa", true),
            new Profile("selectivity_diff", "Selectivity: within - across (Part 6a)", "Difference",
                    "selectivity", 0, "selectivity_diff", false),
            new Profile("selectivity_t", "Selectivity t (Part 6a)", "t", "selectivity", 1, "selectivity_t", false),
            new Profile("selectivity_average", "Average similarity (Part 6b)", "Mean cosine", "selectivity", 2,
                    "selectivity_average", false),
            new Profile("fisher_z_diff", "Fisher-z selectivity: within - across (Part 7b)", "Difference (z)",
                    "selectivity_fisher_z", 0, null, false),
            new Profile("fisher_z_t", "Fisher-z selectivity t (Part 7b)", "t (z)", "selectivity_fisher_z", 1,
                    "selectivity_fisher_z_t", false));

    /** The three column names. */
    public String[] columns() {
        return pairs ? new String[] {"Q-K", "Q-V", "K-V"} : new String[] {"Q", "K", "V"};
    }

    /** Whether the profile depends on the word categories (then runs with other categories do not compare). */
    public boolean dependsOnCategories() {
        return source.startsWith("selectivity");
    }

    /** {@code [layer][column]}; NaN where results.json has null. */
    public double[][] values(JsonObject results) {
        JsonArray layers = results.getAsJsonArray(source);
        double[][] out = new double[layers.size()][3];
        for (int l = 0; l < layers.size(); l++) {
            JsonArray row = layers.get(l).getAsJsonArray();
            for (int c = 0; c < 3; c++) {
                JsonElement e = index < 0 ? row.get(c) : row.get(c).getAsJsonArray().get(index);
                out[l][c] = number(e);
            }
        }
        return out;
    }

    /** The inference block's statistic ({@code inference.<key>} or {@code inference.statistics.<key>}), or null. */
    public JsonObject inference(JsonObject results) {
        if (inference == null || !results.has("inference") || !results.get("inference").isJsonObject()) {
            return null;
        }
        JsonObject block = results.getAsJsonObject("inference");
        if (block.has("statistics") && block.get("statistics").isJsonObject()) {
            block = block.getAsJsonObject("statistics");
        }
        JsonElement s = block.get(inference);
        return s != null && s.isJsonObject() ? s.getAsJsonObject() : null;
    }

    static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }
}
