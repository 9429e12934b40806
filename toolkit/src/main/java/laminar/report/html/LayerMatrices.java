package laminar.report.html;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import laminar.analysis.CosineChunkListener;
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
 *
 * <p>An instance collects the codes while the analysis pass holds each batch of matrices (it is a
 * {@link CosineChunkListener}), so the report costs no second computation; only the codes are kept.
 * {@link #compute} recomputes the matrices on the run's kernels where the pass's matrices are not the cosines of the
 * raw activations (another {@code --measure} or {@code --standardize}, several templates).
 *
 * <pre>{@code
 * LayerMatrices report = new LayerMatrices(acts.nWords(), acts.nLayers(), 6);
 * LaminarAnalysis.run(acts, words, 6, position, 0, kernels, report);  // the pass shows it every batch
 * RunReport.write(dir, report, acts, kernels, commandLine);  // after results.json; no second computation
 * }</pre>
 */
public final class LayerMatrices implements CosineChunkListener {

    /** Largest word count for which the report keeps every layer's matrices. */
    static final int ALL_LAYERS_MAX = 1000;

    /** Total bytes of codes up to which 16-bit codes are used. */
    static final long SIXTEEN_BIT_BUDGET = 16L << 20;

    private final int n;
    private final int chosen;
    private final List<Integer> layers;
    private final int bits;
    private final JsonObject[][] codes; // [layer][Q, K, V], null until seen

    /**
     * @param n the word count
     * @param nLayers the run's layer count
     * @param chosen the chosen layer ({@code --layer})
     */
    public LayerMatrices(int n, int nLayers, int chosen) {
        this.n = n;
        this.chosen = chosen;
        this.layers = n <= ALL_LAYERS_MAX ? IntStream.range(0, nLayers).boxed().toList() : List.of(chosen);
        long triangle = (long) n * (n + 1) / 2;
        this.bits = triangle * 3 * layers.size() * 2 <= SIXTEEN_BIT_BUDGET ? 16 : 8;
        this.codes = new JsonObject[nLayers][];
    }

    /** Keeps the codes of the batch's layers that the report shows ({@code cos}: {@code [layers][Q, K, V][n][n]}). */
    @Override
    public void accept(int firstLayer, int count, float[] cos) {
        for (int c = 0; c < count; c++) {
            int layer = firstLayer + c;
            if (layers.contains(layer)) {
                JsonObject[] byKind = new JsonObject[3];
                for (Qkv kind : Qkv.values()) {
                    byKind[kind.ordinal()] = quantise(cos, (3 * c + kind.ordinal()) * n * n, n, bits);
                }
                codes[layer] = byKind;
            }
        }
    }

    /** Whether every layer the report shows was seen. */
    boolean complete() {
        return layers.stream().allMatch(l -> codes[l] != null);
    }

    /** The matrices' JSON: {@code {bits, layers, shown, note, q: {layer: {min, max, data}}, k, v}}. */
    JsonObject json() {
        if (!complete()) {
            throw new IllegalStateException("the analysis pass did not show every layer of the report");
        }
        JsonObject out = new JsonObject();
        out.addProperty("bits", bits);
        JsonArray ls = new JsonArray();
        layers.forEach(ls::add);
        out.add("layers", ls);
        out.addProperty("shown", chosen);
        out.addProperty("note", note(n, layers.size(), bits));
        for (Qkv kind : Qkv.values()) {
            JsonObject byLayer = new JsonObject();
            for (int layer : layers) {
                byLayer.add(Integer.toString(layer), codes[layer][kind.ordinal()]);
            }
            out.add(kind.key(), byLayer);
        }
        return out;
    }

    /** The matrices' JSON ({@link #json}) from the activations' cosine matrices, computed here on {@code kernels}. */
    static JsonObject compute(Activations acts, KernelBackend kernels, int chosen) {
        int n = acts.nWords();
        int d = acts.nEmbd();
        LayerMatrices out = new LayerMatrices(n, acts.nLayers(), chosen);
        for (int layer : out.layers) {
            float[] rows = new float[3 * n * d];
            for (Qkv kind : Qkv.values()) {
                System.arraycopy(acts.rows(layer, kind, TokenPosition.LAST), 0, rows, kind.ordinal() * n * d, n * d);
            }
            out.accept(layer, 1, kernels.cosineMatrices(rows, 3, n, d));
        }
        return out.json();
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
