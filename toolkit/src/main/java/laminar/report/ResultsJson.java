package laminar.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import laminar.analysis.Distribution;
import laminar.analysis.LaminarResults;
import laminar.analysis.Part5LayerSelectivity;
import laminar.analysis.Part7aIllustration;
import laminar.model.Activations;
import laminar.model.Qkv;
import laminar.stimuli.Word;

import java.util.Map;

/**
 * {@code results.json}: every number the notebook computes, for Python and R users. Arrays are indexed
 * {@code [layer][Q, K, V order]}; pairs are ordered Q–K, Q–V, K–V; selectivity triples are
 * (within − across, t, average). Doubles are written in full precision (shortest round-trip form); NaN and
 * infinities are written as {@code null}.
 *
 * <p>Keys: {@code n_layers, layer, correlation_position, words [{word, category, tokens}], qkv_correlation,
 * rsa, selectivity, selectivity_fisher_z, layer_detail {cosine {q,k,v}, rsa, t {q,k,v},
 * histograms {q,k,v: {within, across: {edges, density}}}}, fisher_z_illustration {seed, n, r_counts, z_counts},
 * run {laminar_version, model, model_config, template, backend, seconds}}.
 *
 * <p>Above {@link #INLINE_COSINE_MAX} words the chosen layer's three n × n cosine matrices would make the JSON
 * hundreds of MB (363 MB at 2,000 words); they are then written to {@link #COSINE_FILE} (float32 safetensors, keys
 * {@code q, k, v}) and {@code layer_detail.cosine} says where: {@code {file, keys, shape}}.
 */
public final class ResultsJson {

    /** Largest word count whose cosine matrices are written inline. */
    public static final int INLINE_COSINE_MAX = 1000;

    /** Where larger cosine matrices go, next to results.json. */
    public static final String COSINE_FILE = "layer_cosine.safetensors";

    /** Whether {@code results} need {@link #writeCosineFile}. */
    public static boolean cosineInFile(LaminarResults results) {
        return results.part3().n() > INLINE_COSINE_MAX;
    }

    /** Writes the chosen layer's cosine matrices as float32 safetensors (keys q, k, v; shape [n, n]). */
    public static void writeCosineFile(LaminarResults r, java.nio.file.Path dir) throws java.io.IOException {
        int n = r.part3().n();
        java.util.Map<String, float[]> tensors = new java.util.LinkedHashMap<>();
        java.util.Map<String, long[]> shapes = new java.util.HashMap<>();
        for (Qkv k : Qkv.values()) {
            tensors.put(k.key(), r.part3().cosine()[k.ordinal()]);
            shapes.put(k.key(), new long[] {n, n});
        }
        laminar.model.io.SafeTensorsWriter.writeFloat32(dir.resolve(COSINE_FILE), tensors, shapes,
                java.util.Map.of("layer", Integer.toString(r.layer())));
    }

    private ResultsJson() {
    }

    /** The JSON text. */
    public static String render(LaminarResults r, Activations acts, RunMetadata meta) {
        return render(r, acts, meta, null);
    }

    /** The JSON text with an {@code inference} block (see {@link InferenceJson}) when {@code inference} is not null. */
    public static String render(LaminarResults r, Activations acts, RunMetadata meta,
                                laminar.analysis.inference.Inference inference) {
        JsonObject root = new JsonObject();
        root.addProperty("n_layers", r.nLayers());
        root.addProperty("layer", r.layer());
        root.addProperty("correlation_position", r.part2().position().toString());
        JsonArray words = new JsonArray();
        for (int i = 0; i < r.words().size(); i++) {
            Word w = r.words().words().get(i);
            JsonObject o = new JsonObject();
            o.addProperty("word", w.word());
            o.addProperty("category", w.category());
            JsonArray tokens = new JsonArray();
            for (int id : acts.tokenIds(i)) {
                tokens.add(id);
            }
            o.add("tokens", tokens);
            words.add(o);
        }
        root.add("words", words);
        root.add("qkv_correlation", matrix(r.part2().byLayer()));
        root.add("rsa", matrix(r.part4().rsa()));
        root.add("selectivity", cube(r.part6().values()));
        root.add("selectivity_fisher_z", cube(r.part7().selectivity().values()));
        MeasuresJson.addTo(root, r.measures());
        root.add("layer_detail", layerDetail(r));
        root.add("fisher_z_illustration", illustration(r.part7().illustration()));
        if (inference != null) {
            root.add("inference", InferenceJson.of(inference));
        }
        root.add("run", run(meta));
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root) + "\n";
    }

    private static JsonObject layerDetail(LaminarResults r) {
        JsonObject d = new JsonObject();
        JsonObject cos = new JsonObject();
        int n = r.part3().n();
        if (cosineInFile(r)) {
            cos.addProperty("file", COSINE_FILE);
            JsonArray keys = new JsonArray();
            for (Qkv k : Qkv.values()) {
                keys.add(k.key());
            }
            cos.add("keys", keys);
            JsonArray shape = new JsonArray();
            shape.add(n);
            shape.add(n);
            cos.add("shape", shape);
        }
        for (Qkv k : cosineInFile(r) ? new Qkv[0] : Qkv.values()) {
            float[] c = r.part3().cosine()[k.ordinal()];
            JsonArray rows = new JsonArray();
            for (int i = 0; i < n; i++) {
                JsonArray row = new JsonArray();
                for (int j = 0; j < n; j++) {
                    row.add(number(c[i * n + j]));
                }
                rows.add(row);
            }
            cos.add(k.key(), rows);
        }
        d.add("cosine", cos);
        d.add("rsa", vector(r.part3().rsa()));
        Part5LayerSelectivity p5 = r.part5();
        JsonObject t = new JsonObject();
        JsonObject hist = new JsonObject();
        for (Qkv k : Qkv.values()) {
            t.add(k.key(), number(p5.t()[k.ordinal()]));
            JsonObject h = new JsonObject();
            h.add("within", distribution(p5.within()[k.ordinal()], "density"));
            h.add("across", distribution(p5.across()[k.ordinal()], "density"));
            hist.add(k.key(), h);
        }
        d.add("t", t);
        d.add("histograms", hist);
        return d;
    }

    private static JsonObject illustration(Part7aIllustration p) {
        JsonObject o = new JsonObject();
        o.addProperty("seed", p.seed());
        o.addProperty("n", p.r().length);
        o.add("r_counts", distribution(p.rCounts(), "counts"));
        o.add("z_counts", distribution(p.zCounts(), "counts"));
        return o;
    }

    private static JsonObject run(RunMetadata m) {
        JsonObject o = new JsonObject();
        o.addProperty("laminar_version", m.laminarVersion());
        o.addProperty("model", m.model());
        JsonObject cfg = new JsonObject();
        for (Map.Entry<String, Object> e : new java.util.TreeMap<>(m.modelConfig()).entrySet()) {
            Object v = e.getValue();
            cfg.add(e.getKey(), v instanceof Number num ? new JsonPrimitive(num)
                    : v == null ? JsonNull.INSTANCE : new JsonPrimitive(v.toString()));
        }
        o.add("model_config", cfg);
        o.addProperty("template", m.template());
        o.addProperty("backend", m.backend());
        JsonObject secs = new JsonObject();
        m.secondsPerStage().forEach((k, v) -> secs.add(k, number(v)));
        o.add("seconds", secs);
        return o;
    }

    private static JsonObject distribution(Distribution d, String valuesKey) {
        JsonObject o = new JsonObject();
        o.add("edges", vector(d.edges()));
        o.add(valuesKey, vector(d.values()));
        return o;
    }

    static JsonArray cube(double[][][] v) {
        JsonArray a = new JsonArray();
        for (double[][] m : v) {
            a.add(matrix(m));
        }
        return a;
    }

    static JsonArray matrix(double[][] v) {
        JsonArray a = new JsonArray();
        for (double[] row : v) {
            a.add(vector(row));
        }
        return a;
    }

    private static JsonArray vector(double[] v) {
        JsonArray a = new JsonArray();
        for (double x : v) {
            a.add(number(x));
        }
        return a;
    }

    private static JsonElement number(double x) {
        return Double.isFinite(x) ? new JsonPrimitive(x) : JsonNull.INSTANCE;
    }
}
