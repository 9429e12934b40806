package laminar.model.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import laminar.LaminarException;
import laminar.json.JsonFields;
import laminar.json.StrictJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code __metadata__} of a laminar activations file (see {@link ActivationsFile}), every field checked: the
 * words a JSON array of strings, one non-empty JSON array of integer token ids per word, {@code n_layer} and
 * {@code n_embd} positive decimal integers, {@code columns} (when present) the longest token list's length and
 * {@code alignment} (when present) {@code right}. A damaged field is a {@link LaminarException} naming it.
 *
 * @param columns the longest sentence's token count
 */
record LaminarMetadata(List<String> words, int[][] tokenIds, int nLayer, int nEmbd, int columns) {

    /** Most layers a file may declare (GPT-2 XL has 48). */
    static final int MAX_LAYERS = 10_000;

    private static final String FIX = "extract the activations again (laminar run) or restore the file";

    /** Reads and checks the metadata strings of {@code file}. */
    static LaminarMetadata of(Path file, Map<String, String> meta) {
        List<String> words = words(file, meta);
        int[][] ids = tokenIds(file, meta, words.size());
        int nLayer = positive(file, meta, "n_layer", MAX_LAYERS);
        int nEmbd = positive(file, meta, "n_embd", Integer.MAX_VALUE);
        int columns = 0;
        for (int[] t : ids) {
            columns = Math.max(columns, t.length);
        }
        if (meta.containsKey("columns") && !meta.get("columns").equals(Integer.toString(columns))) {
            throw new LaminarException(file + ": __metadata__ columns is \"" + StrictJson.printable(meta.get("columns"))
                    + "\" but the longest token_ids list has " + columns + " tokens; " + FIX);
        }
        String alignment = meta.getOrDefault("alignment", "right");
        if (!alignment.equals("right")) {
            throw new LaminarException(file + ": __metadata__ alignment is \"" + StrictJson.printable(alignment)
                    + "\"; laminar reads right-aligned sentences only (alignment \"right\"); " + FIX);
        }
        return new LaminarMetadata(words, ids, nLayer, nEmbd, columns);
    }

    private static String required(Path file, Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new LaminarException(file + ": __metadata__ has no " + key + "; " + FIX);
        }
        return v;
    }

    private static List<String> words(Path file, Map<String, String> meta) {
        String source = file + ": __metadata__ words";
        JsonElement e = StrictJson.parse(required(file, meta, "words"), source, FIX);
        if (!e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new LaminarException(source + " must be a non-empty JSON array of strings, got "
                    + StrictJson.shortText(e) + "; " + FIX);
        }
        List<String> out = new ArrayList<>();
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            JsonElement w = a.get(i);
            if (!w.isJsonPrimitive() || !w.getAsJsonPrimitive().isString()) {
                throw new LaminarException(source + "[" + i + "] must be a string, got " + StrictJson.shortText(w)
                        + "; " + FIX);
            }
            out.add(w.getAsString());
        }
        return out;
    }

    private static int[][] tokenIds(Path file, Map<String, String> meta, int nWords) {
        String source = file + ": __metadata__ token_ids";
        JsonElement e = StrictJson.parse(required(file, meta, "token_ids"), source, FIX);
        if (!e.isJsonArray()) {
            throw new LaminarException(source + " must be a JSON array of token-id arrays, got "
                    + StrictJson.shortText(e) + "; " + FIX);
        }
        JsonArray a = e.getAsJsonArray();
        if (a.size() != nWords) {
            throw new LaminarException(source + " has " + a.size() + " token lists for " + nWords
                    + " words (one list per word needed); " + FIX);
        }
        JsonFields fields = new JsonFields(source, new JsonObject(), FIX);
        int[][] ids = new int[nWords][];
        for (int w = 0; w < nWords; w++) {
            JsonElement list = a.get(w);
            if (!list.isJsonArray() || list.getAsJsonArray().isEmpty()) {
                throw new LaminarException(source + "[" + w + "] must be a non-empty array of token ids, got "
                        + StrictJson.shortText(list) + "; " + FIX);
            }
            JsonArray l = list.getAsJsonArray();
            ids[w] = new int[l.size()];
            for (int p = 0; p < l.size(); p++) {
                // -1 is what laminar reports for the unknown ids of a plain notebook file.
                ids[w][p] = fields.integer("[" + w + "][" + p + "]", l.get(p), -1, Integer.MAX_VALUE);
            }
        }
        return ids;
    }

    private static int positive(Path file, Map<String, String> meta, String key, int max) {
        String v = required(file, meta, key);
        int n;
        try {
            n = v.matches("[0-9]{1,10}") ? Integer.parseInt(v) : -1;
        } catch (NumberFormatException e) {
            n = -1; // ten digits beyond int's range
        }
        if (n < 1 || n > max) {
            throw new LaminarException(file + ": __metadata__ " + key + " must be a whole number from 1 to " + max
                    + ", got \"" + StrictJson.printable(v) + "\"; " + FIX);
        }
        return n;
    }
}
