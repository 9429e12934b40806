package laminar.analysis;

import laminar.json.StrictJson;
import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.model.TokenPosition;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What in a set of activations makes results undefined, said before the analyses run: non-finite values (NaN,
 * ±infinity: every cosine similarity of that word, and the layer's RSA and selectivity, become NaN) and all-zero
 * vectors at the analysed token (a cosine similarity with a zero vector is 0/0). The analyses still complete, with
 * NaN where a value is undefined (as the notebook's numpy code computes it); these lines say where it comes from.
 *
 * <p>One line per layer and Q/K/V, e.g. {@code layer 2 Q: 5 non-finite values (NaN or infinite), in word 'banana'
 * (5); the results that use them are NaN}.
 */
public final class ActivationWarnings {

    /** Most lines said (a model with NaN everywhere would otherwise give three per layer). */
    static final int MAX_LINES = 12;

    /** Most words named in one line. */
    private static final int WORDS_NAMED = 3;

    private ActivationWarnings() {
    }

    /** The warning lines (empty when every value is finite and no analysed vector is zero). */
    public static List<String> of(Activations acts) {
        List<List<String>> perLayer = IntStream.range(0, acts.nLayers()).parallel()
                .mapToObj(l -> layer(acts, l)).toList();
        List<String> out = new ArrayList<>();
        perLayer.forEach(out::addAll);
        if (out.size() > MAX_LINES) {
            int more = out.size() - (MAX_LINES - 1);
            out = new ArrayList<>(out.subList(0, MAX_LINES - 1));
            out.add("and " + more + " more warnings of this kind for other layers and matrices");
        }
        return out;
    }

    private static List<String> layer(Activations acts, int layer) {
        List<String> out = new ArrayList<>();
        int n = acts.nWords();
        int d = acts.nEmbd();
        int rowLength = acts.columns() * d;
        for (Qkv kind : Qkv.values()) {
            float[] all = acts.all(layer, kind);
            long total = 0;
            List<String> named = new ArrayList<>();
            int wordsHit = 0;
            List<String> zero = new ArrayList<>();
            int zeroCount = 0;
            for (int w = 0; w < n; w++) {
                int bad = 0;
                for (int i = w * rowLength, end = i + rowLength; i < end; i++) {
                    if (!Float.isFinite(all[i])) {
                        bad++;
                    }
                }
                if (bad > 0) {
                    total += bad;
                    if (wordsHit++ < WORDS_NAMED) {
                        named.add(word(acts, w) + " (" + bad + ")");
                    }
                }
                int last = (w * acts.columns() + TokenPosition.LAST.column(acts.tokenIds(w).length, acts.columns())) * d;
                if (zeroVector(all, last, d)) {
                    if (zeroCount++ < WORDS_NAMED) {
                        zero.add(word(acts, w));
                    }
                }
            }
            String where = "layer " + layer + " " + kind + ": ";
            if (total > 0) {
                out.add(where + total + (total == 1 ? " non-finite value" : " non-finite values")
                        + " (NaN or infinite), in " + words(wordsHit, named)
                        + "; the similarities, RSA and selectivity that use them are NaN");
            }
            if (zeroCount > 0) {
                out.add(where + "the last-token vector of " + words(zeroCount, zero) + " is all zeros, so its cosine"
                        + " similarities are undefined (NaN), and so are the layer's RSA and selectivity");
            }
        }
        return out;
    }

    private static boolean zeroVector(float[] a, int from, int d) {
        for (int i = from; i < from + d; i++) {
            if (a[i] != 0f) {
                return false;
            }
        }
        return d > 0;
    }

    private static String word(Activations acts, int w) {
        return "'" + StrictJson.printable(acts.words().get(w)) + "'";
    }

    private static String words(int count, List<String> named) {
        String list = String.join(", ", named);
        return count == 1 ? "word " + list
                : count + " words (" + list + (count > named.size() ? ", ..." : "") + ")";
    }
}
