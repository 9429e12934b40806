package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The lines at the top of a page: warnings (multi-token words, missing figures, undefined values) and facts. */
final class Notes {

    private final List<String[]> notes = new ArrayList<>();

    void warning(String text) {
        notes.add(new String[] {"warning", text});
    }

    void info(String text) {
        notes.add(new String[] {"info", text});
    }

    /** A warning naming the words that are more than one token in the template (their last token is analysed). */
    void multiToken(JsonArray words) {
        List<String> multi = new ArrayList<>();
        for (JsonElement e : words) {
            JsonObject w = e.getAsJsonObject();
            if (w.get("multi_token").getAsBoolean()) {
                multi.add(w.get("word").getAsString());
            }
        }
        if (!multi.isEmpty()) {
            warning(multi.size() + " word(s) are more than one token in the template, their last token is analysed: "
                    + String.join(", ", multi.subList(0, Math.min(20, multi.size())))
                    + (multi.size() > 20 ? ", ..." : ""));
        }
    }

    /** A warning when a selectivity t is undefined (null in results.json) in some layer. */
    void undefined(JsonObject results) {
        for (Profile p : Profile.ALL) {
            double[][] v = p.values(results);
            for (double[] row : v) {
                for (double x : row) {
                    if (Double.isNaN(x)) {
                        warning(p.title() + " is undefined (null) in some layers: no within pairs or zero variance.");
                        return;
                    }
                }
            }
        }
    }

    JsonArray json() {
        JsonArray a = new JsonArray();
        for (String[] n : notes) {
            JsonObject o = new JsonObject();
            o.addProperty("level", n[0]);
            o.addProperty("text", n[1]);
            a.add(o);
        }
        return a;
    }
}
