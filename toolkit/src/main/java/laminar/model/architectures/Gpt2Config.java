package laminar.model.architectures;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import laminar.LaminarException;
import laminar.json.JsonFields;
import laminar.json.StrictJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The architecture numbers of a GPT-2-family checkpoint, read from its {@code config.json}.
 *
 * <p>gpt2, distilgpt2 (6 layers), gpt2-medium, gpt2-large and gpt2-xl all say {@code "model_type": "gpt2"}; any
 * checkpoint that does is accepted. Defaults are Hugging Face's {@code GPT2Config} defaults.
 *
 * @param nInner the MLP width ({@code n_inner}, {@code 4 * nEmbd} when null in the file)
 * @param activation {@code gelu_new} (or its alias {@code gelu_pytorch_tanh}): the tanh approximation of GELU
 * @param scaleAttnByInverseLayerIdx HF's {@code scale_attn_by_inverse_layer_idx}: scores are further divided by
 *     {@code layer + 1}
 */
public record Gpt2Config(int nLayer, int nHead, int nEmbd, int nPositions, int vocabSize, int nInner,
                         double layerNormEpsilon, String activation, boolean scaleAttnWeights,
                         boolean scaleAttnByInverseLayerIdx, Map<String, Object> raw) {

    private static final Set<String> ACTIVATIONS = Set.of("gelu_new", "gelu_pytorch_tanh");

    /** Upper bounds that keep every size product in range (GPT-2 XL: 48 layers, width 1600, 50257 x 1024 rows). */
    static final int MAX_LAYERS = 10_000;
    static final int MAX_WIDTH = 1 << 20;
    static final int MAX_ROWS = 1 << 24;

    private static final String FIX = "fix config.json (or restore it from the model's repository)";
    private static final String RESTORE = "restore config.json from the model's repository";

    public Gpt2Config {
        raw = raw == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        if (nLayer <= 0 || nHead <= 0 || nEmbd <= 0 || nPositions <= 0 || vocabSize <= 0 || nInner <= 0) {
            throw new LaminarException("config.json: n_layer, n_head, n_embd, n_positions, vocab_size and n_inner"
                    + " must be positive; fix config.json");
        }
        if (nEmbd % nHead != 0) {
            throw new LaminarException("config.json: n_embd " + nEmbd + " is not divisible by n_head " + nHead
                    + "; fix config.json");
        }
        if (!(layerNormEpsilon > 0) || !Double.isFinite(layerNormEpsilon)) {
            throw new LaminarException("config.json: layer_norm_epsilon must be a finite number greater than 0, got "
                    + layerNormEpsilon + "; fix config.json");
        }
    }

    /** A config with GPT-2's defaults for everything but the sizes (used by the tests' RandomCheckpoint). */
    public static Gpt2Config of(int nLayer, int nHead, int nEmbd, int nPositions, int vocabSize) {
        return new Gpt2Config(nLayer, nHead, nEmbd, nPositions, vocabSize, 4 * nEmbd, 1e-5, "gelu_new", true,
                false, null);
    }

    /**
     * The numbers the shared extraction driver reads ({@link ArchConfig}): no rotary embedding (GPT-2's positions
     * are learned), K/V heads = heads.
     */
    public ArchConfig numbers() {
        return new ArchConfig("gpt2", nLayer, nEmbd, nHead, nHead, headDim(), nInner, vocabSize, nPositions,
                layerNormEpsilon, activation, true, false, null);
    }

    public int headDim() {
        return nEmbd / nHead;
    }

    /** Reads {@code dir/config.json}; {@link LaminarException} when it is missing or not a GPT-2-family config. */
    public static Gpt2Config read(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new LaminarException(dir + ": no config.json; a Hugging Face model directory has config.json next"
                    + " to model.safetensors (give such a directory or a Hub name like gpt2-xl)");
        }
        return parse(file, StrictJson.readObject(file, RESTORE));
    }

    /** Parses the text of a config.json ({@code file} names it in messages). */
    static Gpt2Config parse(Path file, String text) {
        return parse(file, StrictJson.parseObject(text, file.toString(), RESTORE));
    }

    /** Reads the fields laminar uses from a parsed config.json, each checked for its JSON type and range. */
    static Gpt2Config parse(Path file, JsonObject o) {
        JsonFields f = new JsonFields(file.toString(), o, FIX);
        String modelType = f.string("model_type", null);
        if (modelType == null) {
            boolean gpt2Arch = o.has("architectures") && o.get("architectures").isJsonArray()
                    && o.get("architectures").toString().contains("GPT2");
            if (!gpt2Arch) {
                throw new LaminarException(file + ": has no model_type; laminar reads GPT-2-family checkpoints"
                        + " (model_type \"gpt2\": gpt2, distilgpt2, gpt2-medium, gpt2-large, gpt2-xl)");
            }
        } else if (!modelType.equals("gpt2")) {
            throw new LaminarException(file + ": model_type is \"" + StrictJson.printable(modelType) + "\", not a"
                    + " GPT-2-family model; laminar reads model_type \"gpt2\" checkpoints (gpt2, distilgpt2,"
                    + " gpt2-medium, gpt2-large, gpt2-xl and fine-tunes of them)");
        }
        int nEmbd = f.integer("n_embd", 768, 1, MAX_WIDTH);
        int nHead = f.integer("n_head", 12, 1, MAX_WIDTH);
        int nLayer = f.integer("n_layer", 12, 1, MAX_LAYERS);
        // HF's GPT2Config names the context n_positions; very old configs say n_ctx.
        int nPositions = f.has("n_positions") ? f.integer("n_positions", 1024, 1, MAX_ROWS)
                : f.integer("n_ctx", 1024, 1, MAX_ROWS);
        int nInner = f.isNull("n_inner") ? 4 * nEmbd : f.integer("n_inner", 4 * nEmbd, 1, 4 * MAX_WIDTH);
        String act = f.string("activation_function", "gelu_new");
        if (!ACTIVATIONS.contains(act)) {
            throw new LaminarException(file + ": activation_function \"" + StrictJson.printable(act) + "\" is not"
                    + " supported; laminar reproduces GPT-2's gelu_new (tanh GELU) only");
        }
        double eps = f.positive("layer_norm_epsilon", 1e-5);
        boolean scale = f.bool("scale_attn_weights", true);
        boolean byLayer = f.bool("scale_attn_by_inverse_layer_idx", false);
        int vocab = f.integer("vocab_size", 50257, 1, MAX_ROWS);
        if (nEmbd % nHead != 0) {
            throw new LaminarException(file + ": n_embd " + nEmbd + " is not divisible by n_head " + nHead
                    + " (each head gets n_embd / n_head dimensions); " + FIX);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = new Gson().fromJson(o, Map.class);
        return new Gpt2Config(nLayer, nHead, nEmbd, nPositions, vocab, nInner, eps, act, scale, byLayer, raw);
    }

    /** The config.json as read (for run metadata); the sizes when built in code. */
    public Map<String, Object> asMap() {
        if (!raw.isEmpty()) {
            return raw;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_type", "gpt2");
        m.put("n_layer", nLayer);
        m.put("n_head", nHead);
        m.put("n_embd", nEmbd);
        m.put("n_positions", nPositions);
        m.put("vocab_size", vocabSize);
        m.put("layer_norm_epsilon", layerNormEpsilon);
        return m;
    }

    /** The JSON of a config.json for this config (what the tests' RandomCheckpoint writes). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", java.util.List.of("GPT2LMHeadModel"));
        m.put("model_type", "gpt2");
        m.put("activation_function", activation);
        m.put("layer_norm_epsilon", layerNormEpsilon);
        m.put("n_ctx", nPositions);
        m.put("n_embd", nEmbd);
        m.put("n_head", nHead);
        m.put("n_inner", nInner == 4 * nEmbd ? null : nInner);
        m.put("n_layer", nLayer);
        m.put("n_positions", nPositions);
        m.put("scale_attn_weights", scaleAttnWeights);
        m.put("scale_attn_by_inverse_layer_idx", scaleAttnByInverseLayerIdx);
        m.put("vocab_size", vocabSize);
        return new com.google.gson.GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(m) + "\n";
    }
}
