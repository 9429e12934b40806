package laminar.model.architectures;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code llama}, {@code mistral} and {@code qwen2} (their checkpoints name tensors alike): RMSNorm before
 * attention and MLP, separate {@code q_proj}/{@code k_proj}/{@code v_proj} (biases where {@code qkvBias}: qwen2),
 * {@code o_proj}, SwiGLU MLP, sequential residual.
 */
final class LlamaFamily implements Architecture {

    private final ArchConfig config;

    LlamaFamily(ArchConfig config) {
        this.config = config;
    }

    @Override
    public String embedding() {
        return "model.embed_tokens.weight";
    }

    @Override
    public String layerPrefix(int layer) {
        return "model.layers." + layer + ".";
    }

    @Override
    public List<String> tensors(boolean projectionsOnly) {
        List<String> names = new ArrayList<>(List.of("input_layernorm.weight", "self_attn.q_proj.weight",
                "self_attn.k_proj.weight", "self_attn.v_proj.weight"));
        if (config.qkvBias()) {
            names.addAll(List.of("self_attn.q_proj.bias", "self_attn.k_proj.bias", "self_attn.v_proj.bias"));
        }
        if (!projectionsOnly) {
            names.addAll(List.of("self_attn.o_proj.weight", "post_attention_layernorm.weight",
                    "mlp.gate_proj.weight", "mlp.up_proj.weight", "mlp.down_proj.weight"));
        }
        return names;
    }

    @Override
    public long[] shape(String name) {
        long h = config.hidden();
        long q = config.qWidth();
        long kv = config.kvWidth();
        long m = config.intermediate();
        return switch (name) {
            case "input_layernorm.weight", "post_attention_layernorm.weight" -> new long[] {h};
            case "self_attn.q_proj.weight" -> new long[] {q, h};
            case "self_attn.k_proj.weight", "self_attn.v_proj.weight" -> new long[] {kv, h};
            case "self_attn.q_proj.bias" -> new long[] {q};
            case "self_attn.k_proj.bias", "self_attn.v_proj.bias" -> new long[] {kv};
            case "self_attn.o_proj.weight" -> new long[] {h, q};
            case "mlp.gate_proj.weight", "mlp.up_proj.weight" -> new long[] {m, h};
            case "mlp.down_proj.weight" -> new long[] {h, m};
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Override
    public NDArray[] projections(LayerWeights w, NDArray hidden) {
        NDArray x = Blocks.rmsNorm(hidden, w.get("input_layernorm.weight"), config.normEps());
        NDArray[] out = new NDArray[3];
        String[] names = {"q", "k", "v"};
        for (int i = 0; i < 3; i++) {
            String p = "self_attn." + names[i] + "_proj.";
            out[i] = Blocks.linear(x, w.get(p + "weight"), config.qkvBias() ? w.get(p + "bias") : null);
        }
        return out;
    }

    @Override
    public NDArray finish(LayerWeights w, NDArray hidden, NDArray attention) {
        NDArray h = hidden.add(Blocks.linear(attention, w.get("self_attn.o_proj.weight"), null));
        NDArray m = Blocks.rmsNorm(h, w.get("post_attention_layernorm.weight"), config.normEps());
        return h.add(Blocks.swiGlu(m, w.get("mlp.gate_proj.weight"), w.get("mlp.up_proj.weight"),
                w.get("mlp.down_proj.weight")));
    }
}
