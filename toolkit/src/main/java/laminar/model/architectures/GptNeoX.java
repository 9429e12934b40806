package laminar.model.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code gpt_neox} (Pythia): LayerNorms with biases, one fused {@code query_key_value} whose output is laid out
 * per head ({@code [heads, 3, head_dim]}: each head's q, then k, then v), {@code dense} output projection, GELU
 * MLP, and the parallel residual {@code h + attn(ln1(h)) + mlp(ln2(h))} (or sequential without
 * {@code use_parallel_residual}).
 */
final class GptNeoX implements Architecture {

    private final ArchConfig config;

    GptNeoX(ArchConfig config) {
        this.config = config;
    }

    @Override
    public String embedding() {
        return "gpt_neox.embed_in.weight";
    }

    @Override
    public String layerPrefix(int layer) {
        return "gpt_neox.layers." + layer + ".";
    }

    @Override
    public List<String> tensors(boolean projectionsOnly) {
        List<String> names = new ArrayList<>(List.of("input_layernorm.weight", "input_layernorm.bias",
                "attention.query_key_value.weight", "attention.query_key_value.bias"));
        if (!projectionsOnly) {
            names.addAll(List.of("attention.dense.weight", "attention.dense.bias", "post_attention_layernorm.weight",
                    "post_attention_layernorm.bias", "mlp.dense_h_to_4h.weight", "mlp.dense_h_to_4h.bias",
                    "mlp.dense_4h_to_h.weight", "mlp.dense_4h_to_h.bias"));
        }
        return names;
    }

    @Override
    public long[] shape(String name) {
        long h = config.hidden();
        long m = config.intermediate();
        return switch (name) {
            case "input_layernorm.weight", "input_layernorm.bias", "post_attention_layernorm.weight",
                 "post_attention_layernorm.bias", "attention.dense.bias", "mlp.dense_4h_to_h.bias" -> new long[] {h};
            case "attention.query_key_value.weight" -> new long[] {3 * h, h};
            case "attention.query_key_value.bias" -> new long[] {3 * h};
            case "attention.dense.weight" -> new long[] {h, h};
            case "mlp.dense_h_to_4h.weight" -> new long[] {m, h};
            case "mlp.dense_h_to_4h.bias" -> new long[] {m};
            case "mlp.dense_4h_to_h.weight" -> new long[] {h, m};
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Override
    public NDArray[] projections(LayerWeights w, NDArray hidden) {
        NDArray x = Blocks.layerNorm(hidden, w.get("input_layernorm.weight"), w.get("input_layernorm.bias"),
                config.normEps());
        NDArray fused = Blocks.linear(x, w.get("attention.query_key_value.weight"),
                w.get("attention.query_key_value.bias"));
        long rows = fused.getShape().get(0);
        int hd = config.headDim();
        NDArray perHead = fused.reshape(rows, config.heads(), 3L * hd);
        NDArray[] out = new NDArray[3];
        for (int i = 0; i < 3; i++) {
            out[i] = perHead.get(new NDIndex(":, :, {}:{}", i * hd, (i + 1) * hd)).reshape(rows, config.qWidth());
        }
        return out;
    }

    @Override
    public NDArray finish(LayerWeights w, NDArray hidden, NDArray attention) {
        NDArray attn = Blocks.linear(attention, w.get("attention.dense.weight"), w.get("attention.dense.bias"));
        NDArray mlpInput = config.parallelResidual() ? hidden : hidden.add(attn);
        NDArray m = Blocks.layerNorm(mlpInput, w.get("post_attention_layernorm.weight"),
                w.get("post_attention_layernorm.bias"), config.normEps());
        NDArray mlp = Blocks.geluMlp(m, w.get("mlp.dense_h_to_4h.weight"), w.get("mlp.dense_h_to_4h.bias"),
                w.get("mlp.dense_4h_to_h.weight"), w.get("mlp.dense_4h_to_h.bias"), config.activation());
        return config.parallelResidual() ? hidden.add(attn).add(mlp) : mlpInput.add(mlp);
    }
}
