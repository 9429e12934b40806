package laminar.report.html;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntToDoubleFunction;

/** Small results.json files with known values, in laminar's layout, for report and compare tests. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * A results object: {@code layers} layers, words {@code category:word}, every profile value
     * {@code value(layer) + column / 10} (triples: + element / 100).
     */
    static JsonObject results(int layers, String[] words, String template, IntToDoubleFunction value) {
        JsonObject r = new JsonObject();
        r.addProperty("n_layers", layers);
        r.addProperty("layer", 0);
        r.addProperty("correlation_position", "1");
        JsonArray ws = new JsonArray();
        for (String cw : words) {
            JsonObject w = new JsonObject();
            w.addProperty("category", cw.split(":")[0]);
            w.addProperty("word", cw.split(":")[1]);
            JsonArray tokens = new JsonArray();
            for (int t = 0; t < 5 + cw.split(":")[1].length() / 8; t++) { // long words are "two tokens"
                tokens.add(t);
            }
            w.add("tokens", tokens);
            ws.add(w);
        }
        r.add("words", ws);
        JsonArray pairs = new JsonArray();
        JsonArray triples = new JsonArray();
        for (int l = 0; l < layers; l++) {
            JsonArray p = new JsonArray();
            JsonArray t = new JsonArray();
            for (int c = 0; c < 3; c++) {
                p.add(value.applyAsDouble(l) + c / 10.0);
                JsonArray triple = new JsonArray();
                for (int e = 0; e < 3; e++) {
                    triple.add(value.applyAsDouble(l) + c / 10.0 + e / 100.0);
                }
                t.add(triple);
            }
            pairs.add(p);
            triples.add(t);
        }
        r.add("qkv_correlation", pairs);
        r.add("rsa", pairs.deepCopy());
        r.add("selectivity", triples);
        r.add("selectivity_fisher_z", triples.deepCopy());
        JsonObject run = new JsonObject();
        run.addProperty("laminar_version", "test");
        run.addProperty("model", "models/m" + layers);
        run.add("model_config", new JsonObject());
        run.addProperty("template", template);
        run.addProperty("backend", "java");
        run.add("seconds", new JsonObject());
        r.add("run", run);
        JsonObject fz = new JsonObject();
        fz.addProperty("seed", 0);
        r.add("fisher_z_illustration", fz);
        return r;
    }

    static Path write(Path dir, JsonObject results) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), new GsonBuilder().serializeNulls().create().toJson(results));
        return dir;
    }
}
