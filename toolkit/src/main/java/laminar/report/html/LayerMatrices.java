package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import laminar.kernels.KernelBackend;
import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.model.TokenPosition;

import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Every layer's Q, K and V cosine-similarity matrices (last token, as Part 3) in the compact form the report's
 * slider reads: the upper triangle with the diagonal, row by row, as 16-bit codes over the matrix's
 * {@code [min, max]} while all layers fit in {@link #SIXTEEN_BIT_BUDGET} bytes, else 8-bit codes, base64. Up to
 * {@link #ALL_LAYERS_MAX} words every layer is kept; above, only the chosen layer (and the page says so).
 * The analyses keep only the chosen layer's matrices, so the others are computed again here on the run's kernels.
 */
final class LayerMatrices {

    /** Largest word count for which the report keeps every layer's matrices. */
    static final int ALL_LAYERS_MAX = 1000;

    /** Total bytes of codes up to which 16-bit codes are used. */
    static final long SIXTEEN_BIT_BUDGET = 16L << 20;

    private LayerMatrices() {
    }

    /** The matrices' JSON: {@code {bits, layers, shown, note, q: {layer: {min, max, data}}, k, v}}. */
    static JsonObject compute(Activations acts, KernelBackend kernels, int chosen) {
        int n = acts.nWords();
        List<Integer> layers = n <= ALL_LAYERS_MAX
                ? IntStream.range(0, acts.nLayers()).boxed().toList() : List.of(chosen);
        long triangle = (long) n * (n + 1) / 2;
        int bits = triangle * 3 * layers.size() * 2 <= SIXTEEN_BIT_BUDGET ? 16 : 8;
        JsonObject out = new JsonObject();
        out.addProperty("bits", bits);
        JsonArray ls = new JsonArray();
        layers.forEach(ls::add);
        out.add("layers", ls);
        out.addProperty("shown", chosen);
        out.addProperty("note", note(n, layers.size(), bits));
        JsonObject[] byKind = {new JsonObject(), new JsonObject(), new JsonObject()};
        int d = acts.nEmbd();
        for (int layer : layers) {
            float[] rows = new float[3 * n * d];
            for (Qkv kind : Qkv.values()) {
                System.arraycopy(acts.rows(layer, kind, TokenPosition.LAST), 0, rows, kind.ordinal() * n * d, n * d);
            }
            float[] cos = kernels.cosineMatrices(rows, 3, n, d);
            for (Qkv kind : Qkv.values()) {
                byKind[kind.ordinal()].add(Integer.toString(layer), quantise(cos, kind.ordinal() * n * n, n, bits));
            }
        }
        for (Qkv kind : Qkv.values()) {
            out.add(kind.key(), byKind[kind.ordinal()]);
        }
        return out;
    }

    private static String note(int n, int layers, int bits) {
        String form = "Values are stored as " + bits + "-bit codes over each matrix's range (hover values are exact"
                + " to " + (bits == 16 ? "1/65535" : "1/255") + " of it); words are grouped by category, outlined.";
        return n <= ALL_LAYERS_MAX ? form
                : "With " + n + " words (more than " + ALL_LAYERS_MAX + ") only the chosen layer (--layer) is kept"
                + " for the report; run with another --layer to see another. " + form;
    }

    /** {@code {min, max, data}}: the upper triangle of the {@code n × n} matrix at {@code offset} as codes. */
    static JsonObject quantise(float[] m, int offset, int n, int bits) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                float v = m[offset + i * n + j];
                if (Float.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(min <= max)) {
            min = 0;
            max = 0;
        }
        int levels = bits == 16 ? 65535 : 255;
        double scale = max > min ? levels / ((double) max - min) : 0;
        int bytes = bits / 8;
        byte[] codes = new byte[(int) ((long) n * (n + 1) / 2 * bytes)];
        int t = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                float v = m[offset + i * n + j];
                int c = Float.isFinite(v) ? (int) Math.round((v - min) * scale) : 0;
                codes[t++] = (byte) c;
                if (bytes == 2) {
                    codes[t++] = (byte) (c >>> 8);
                }
            }
        }
        JsonObject o = new JsonObject();
        o.addProperty("min", min);
        o.addProperty("max", max);
        o.addProperty("data", Base64.getEncoder().encodeToString(codes));
        return o;
    }
}
