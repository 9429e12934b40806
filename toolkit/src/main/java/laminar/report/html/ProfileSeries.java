package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import laminar.analysis.inference.Inference;

/**
 * The page's form of a profile's series: {@code {name, color, x, y, ci?, sig?}}, with the 95% interval and the
 * family-wise significance ({@link Inference#significant}) added when the run's {@code inference} block has them.
 */
final class ProfileSeries {

    /** Q, K, V (and Q-K, Q-V, K-V) in the notebook's colours: red, green, blue. */
    static final String[] QKV_COLORS = {"#d62728", "#2ca02c", "#1f77b4"};

    private ProfileSeries() {
    }

    /**
     * One column of a profile.
     *
     * @param x the layer positions (layer indices, or relative depths)
     */
    static JsonObject of(Profile p, JsonObject results, int column, String name, String color, double[] x) {
        double[][] v = p.values(results);
        JsonObject s = new JsonObject();
        s.addProperty("name", name);
        s.addProperty("color", color);
        JsonArray xs = new JsonArray();
        JsonArray ys = new JsonArray();
        for (int l = 0; l < v.length; l++) {
            xs.add(x[l]);
            ys.add(number(v[l][column]));
        }
        s.add("x", xs);
        s.add("y", ys);
        JsonObject inf = p.inference(results);
        if (inf != null) {
            addInference(s, inf, column, v.length);
        }
        return s;
    }

    private static void addInference(JsonObject s, JsonObject inf, int column, int layers) {
        if (inf.has("ci95") && inf.get("ci95").isJsonArray()) {
            JsonArray ci = new JsonArray();
            JsonArray byLayer = inf.getAsJsonArray("ci95");
            for (int l = 0; l < layers && l < byLayer.size(); l++) {
                JsonArray lohi = byLayer.get(l).getAsJsonArray().get(column).getAsJsonArray();
                double lo = Profile.number(lohi.get(0));
                double hi = Profile.number(lohi.get(1));
                ci.add(Double.isFinite(lo) && Double.isFinite(hi) ? pair(lo, hi) : JsonNull.INSTANCE);
            }
            s.add("ci", ci);
        }
        if (inf.has("p_fwer") && inf.get("p_fwer").isJsonArray()) {
            JsonArray sig = new JsonArray();
            JsonArray byLayer = inf.getAsJsonArray("p_fwer");
            for (int l = 0; l < layers && l < byLayer.size(); l++) {
                double p = Profile.number(byLayer.get(l).getAsJsonArray().get(column));
                sig.add(Inference.significant(p));
            }
            s.add("sig", sig);
        }
    }

    private static JsonArray pair(double lo, double hi) {
        JsonArray a = new JsonArray();
        a.add(lo);
        a.add(hi);
        return a;
    }

    static JsonElement number(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    /** The chart's description: {@code {key, title, x, y, integerX, series}}. */
    static JsonObject chart(Profile p, String xLabel, boolean integerX, JsonArray series) {
        JsonObject o = new JsonObject();
        o.addProperty("key", p.key());
        o.addProperty("title", p.title());
        o.addProperty("x", xLabel);
        o.addProperty("y", p.yLabel());
        o.addProperty("integerX", integerX);
        o.add("series", series);
        return o;
    }
}
