package laminar.report.html;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import laminar.LaminarException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One run directory given to {@code laminar compare}: its label and its {@code results.json}, checked to be
 * laminar's (every key the comparison reads is there) before anything is written.
 */
public record ComparedRun(String label, Path dir, JsonObject results) {

    private static final String[] KEYS = {"n_layers", "layer", "words", "qkv_correlation", "rsa", "selectivity",
            "selectivity_fisher_z", "run"};

    /** Reads {@code dir/results.json}; a directory laminar did not write is bad input. */
    static ComparedRun read(String label, Path dir) {
        Path file = dir.resolve("results.json");
        if (!Files.isDirectory(dir)) {
            throw new LaminarException(dir + " is not a directory; give run directories written by laminar run,"
                    + " analyze or demo");
        }
        if (!Files.isRegularFile(file)) {
            throw new LaminarException(dir + " is not a laminar run directory (no results.json); give directories"
                    + " written by laminar run, analyze or demo");
        }
        JsonObject results;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file));
            results = e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (IOException | JsonParseException e) {
            throw new LaminarException(file + " cannot be read as JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); give directories written by laminar run, analyze or demo");
        }
        for (String key : KEYS) {
            if (results == null || !results.has(key)) {
                throw new LaminarException(file + " is not laminar's results.json (no '" + key + "'); give"
                        + " directories written by laminar run, analyze or demo");
            }
        }
        int layers = results.get("n_layers").getAsInt();
        if (results.getAsJsonArray("rsa").size() != layers || results.getAsJsonArray("selectivity").size() != layers) {
            throw new LaminarException(file + " is inconsistent: its profiles do not have n_layers = " + layers
                    + " entries; rerun laminar on it");
        }
        return new ComparedRun(label, dir, results);
    }

    int layers() {
        return results.get("n_layers").getAsInt();
    }

    /** The words as {@code category<TAB>word}, in order. */
    List<String> words() {
        List<String> out = new ArrayList<>();
        for (JsonElement e : results.getAsJsonArray("words")) {
            JsonObject w = e.getAsJsonObject();
            out.add(w.get("category").getAsString() + "\t" + w.get("word").getAsString());
        }
        return out;
    }

    /** The categories, in order of first appearance. */
    Set<String> categories() {
        Set<String> out = new LinkedHashSet<>();
        for (String w : words()) {
            out.add(w.substring(0, w.indexOf('\t')));
        }
        return out;
    }

    String run(String key) {
        JsonElement e = results.getAsJsonObject("run").get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    /** Layer positions: indices, or {@code l / (L - 1)} for relative depth. */
    double[] x(boolean relative) {
        int n = layers();
        double[] x = new double[n];
        for (int l = 0; l < n; l++) {
            x[l] = relative ? (n == 1 ? 0 : (double) l / (n - 1)) : l;
        }
        return x;
    }
}
