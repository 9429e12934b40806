package laminar.model.architectures;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import laminar.LaminarException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The numbers of a rotary-attention checkpoint ({@code llama}, {@code mistral}, {@code qwen2}, {@code gpt_neox}),
 * read from its {@code config.json} with Hugging Face's defaults. The rotary embedding is read as the Hub's files
 * spell it ({@code rope_theta} + {@code rope_scaling}, GPT-NeoX's {@code rotary_emb_base} + {@code rotary_pct}) and
 * as current {@code transformers} writes it ({@code rope_parameters}).
 *
 * @param modelType the {@code model_type}
 * @param kvHeads {@code num_key_value_heads} (grouped-query attention when below {@code heads})
 * @param activation the MLP's {@code hidden_act}: {@code silu} (gated, SwiGLU) or {@code gelu}/{@code gelu_new}
 * @param qkvBias whether the Q/K/V projections have biases
 * @param parallelResidual GPT-NeoX's {@code use_parallel_residual}
 * @param rope the rotary embedding; null for GPT-2 (learned positions, {@link Gpt2Config#numbers()})
 */
public record ArchConfig(String modelType, int layers, int hidden, int heads, int kvHeads, int headDim,
                         int intermediate, int vocabSize, int maxPositions, double normEps, String activation,
                         boolean qkvBias, boolean parallelResidual, RopeSpec rope) {

    /** The model types {@link #read} accepts besides {@code gpt2} (which keeps its own reader). */
    public static final List<String> SUPPORTED = List.of("gpt2", "gpt_neox", "llama", "mistral", "qwen2");

    public ArchConfig {
        if (layers <= 0 || hidden <= 0 || heads <= 0 || kvHeads <= 0 || headDim <= 0 || intermediate <= 0
                || vocabSize <= 0 || maxPositions <= 0) {
            throw new LaminarException("config.json (" + modelType + "): layer, head, size and vocabulary counts must"
                    + " be positive; fix config.json");
        }
        if (heads % kvHeads != 0) {
            throw new LaminarException("config.json: num_attention_heads " + heads + " is not a multiple of"
                    + " num_key_value_heads " + kvHeads + "; fix config.json");
        }
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** Features of Q ({@code heads * headDim}). */
    public int qWidth() {
        return heads * headDim;
    }

    /** Features of K and of V ({@code kvHeads * headDim}; fewer than Q's under grouped-query attention). */
    public int kvWidth() {
        return kvHeads * headDim;
    }

    /** The {@code model_type} of {@code dir/config.json}, or {@code null} when it has none. */
    public static String modelType(Path dir) {
        JsonObject o = json(dir.resolve("config.json"));
        return o.has("model_type") && o.get("model_type").isJsonPrimitive() ? o.get("model_type").getAsString() : null;
    }

    /** Reads {@code dir/config.json} of a llama, mistral, qwen2 or gpt_neox checkpoint. */
    public static ArchConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        return parse(file, json(file));
    }

    static JsonObject json(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LaminarException(file.getParent() + ": no config.json; a Hugging Face model directory has"
                    + " config.json next to model.safetensors");
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file));
            if (!e.isJsonObject()) {
                throw new JsonParseException("not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new LaminarException(file + ": not a readable JSON config (" + e.getMessage() + "); restore"
                    + " config.json from the model's repository");
        }
    }

    /** One line naming what is supported, for a {@code model_type} laminar does not read. */
    public static LaminarException unsupported(Path file, String modelType) {
        return new LaminarException(file + ": model_type '" + modelType + "' is not supported; laminar reads "
                + String.join(", ", SUPPORTED) + " checkpoints");
    }

    static ArchConfig parse(Path file, JsonObject o) {
        try {
            return parseChecked(file, o);
        } catch (IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new LaminarException(file + ": a value has the wrong type (" + e.getMessage() + "); numbers must"
                    + " be JSON numbers, rope_scaling/rope_parameters objects: fix config.json");
        }
    }

    private static ArchConfig parseChecked(Path file, JsonObject o) {
        String type = string(o, "model_type", null);
        if (type == null || !SUPPORTED.contains(type) || type.equals("gpt2")) {
            throw unsupported(file, type);
        }
        int hidden = integer(o, "hidden_size", -1);
        int heads = integer(o, "num_attention_heads", -1);
        int headDim = o.has("head_dim") && !o.get("head_dim").isJsonNull() ? integer(o, "head_dim", -1)
                : heads > 0 ? hidden / heads : -1;
        boolean neox = type.equals("gpt_neox");
        int kvHeads = neox ? heads : integer(o, "num_key_value_heads", heads);
        double eps = neox ? number(o, "layer_norm_eps", 1e-5) : number(o, "rms_norm_eps", 1e-6);
        String act = string(o, "hidden_act", neox ? "gelu" : "silu");
        List<String> acts = neox ? List.of("gelu", "gelu_new") : List.of("silu");
        if (!acts.contains(act)) {
            throw new LaminarException(file + ": hidden_act '" + act + "' is not supported for " + type
                    + " (supported: " + String.join(", ", acts) + ")");
        }
        boolean bias = switch (type) {
            case "qwen2" -> true;
            case "gpt_neox" -> bool(o, "attention_bias", true);
            default -> bool(o, "attention_bias", false);
        };
        return new ArchConfig(type, integer(o, "num_hidden_layers", -1), hidden, heads, kvHeads, headDim,
                integer(o, "intermediate_size", -1), integer(o, "vocab_size", -1),
                integer(o, "max_position_embeddings", 2048), eps, act, bias,
                neox && bool(o, "use_parallel_residual", true), rope(file, o, neox, headDim));
    }

    /** {@code rope_parameters} (transformers 5) or {@code rope_theta}/{@code rope_scaling} (the Hub's files). */
    static RopeSpec rope(Path file, JsonObject o, boolean neox, int headDim) {
        JsonObject p = o.has("rope_parameters") && o.get("rope_parameters").isJsonObject()
                ? o.getAsJsonObject("rope_parameters") : null;
        JsonObject scaling = p != null ? p
                : o.has("rope_scaling") && o.get("rope_scaling").isJsonObject() ? o.getAsJsonObject("rope_scaling")
                : new JsonObject();
        double theta = p != null && p.has("rope_theta") ? number(p, "rope_theta", 10000)
                : neox ? number(o, "rotary_emb_base", number(o, "rope_theta", 10000)) : number(o, "rope_theta", 10000);
        double partial = p != null && p.has("partial_rotary_factor") ? number(p, "partial_rotary_factor", 1)
                : neox ? number(o, "rotary_pct", number(o, "partial_rotary_factor", 0.25))
                : number(o, "partial_rotary_factor", 1);
        int dims = (int) (headDim * partial);
        String type = string(scaling, "rope_type", string(scaling, "type", "default"));
        if (type.equals("default")) {
            return RopeSpec.plain(theta, dims);
        }
        if (!type.equals("llama3")) {
            throw new LaminarException(file + ": rope type '" + type + "' is not supported (supported: default,"
                    + " llama3); use a checkpoint without that rope scaling");
        }
        return new RopeSpec(theta, dims, type, number(scaling, "factor", 8), number(scaling, "low_freq_factor", 1),
                number(scaling, "high_freq_factor", 4),
                integer(scaling, "original_max_position_embeddings", 8192));
    }

    private static String string(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    private static int integer(JsonObject o, String key, int fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsInt();
    }

    private static double number(JsonObject o, String key, double fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsDouble();
    }

    private static boolean bool(JsonObject o, String key, boolean fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsBoolean();
    }
}
