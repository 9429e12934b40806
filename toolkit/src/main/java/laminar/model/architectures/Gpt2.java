package laminar.model.architectures;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

import java.util.List;

/**
 * {@code gpt2}: learned token ({@code wte}) and position ({@code wpe}) embeddings, LayerNorms with biases,
 * Conv1D layers ({@code x W + b}, weight {@code [in, out]}: {@link Blocks#conv1d}), one fused {@code attn.c_attn}
 * whose output is Q, then K, then V, each {@code n_embd} wide, {@code attn.c_proj}, {@code gelu_new} MLP
 * ({@code mlp.c_fc}, {@code mlp.c_proj}), sequential residual. The extraction stops after the last block's
 * {@code c_attn}, so {@code ln_f} and the LM head are never read. Scores are divided by {@code sqrt(head_dim)}
 * ({@code scale_attn_weights}) and by {@code layer + 1} ({@code scale_attn_by_inverse_layer_idx}) as HF does.
 */
public final class Gpt2 implements Architecture {

    /** The position-embedding tensor (added to the token embedding). */
    public static final String POSITIONS = "wpe.weight";

    private static final List<String> BLOCK = List.of("ln_1.weight", "ln_1.bias", "attn.c_attn.weight",
            "attn.c_attn.bias", "attn.c_proj.weight", "attn.c_proj.bias", "ln_2.weight", "ln_2.bias",
            "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias");

    private final Gpt2Config config;

    public Gpt2(Gpt2Config config) {
        this.config = config;
    }

    @Override
    public String embedding() {
        return "wte.weight";
    }

    @Override
    public String positionEmbedding() {
        return POSITIONS;
    }

    @Override
    public String layerPrefix(int layer) {
        return "h." + layer + ".";
    }

    /** In the order the forward reads them (one block's tensors lie together in the file). */
    @Override
    public List<String> tensors(boolean projectionsOnly) {
        return projectionsOnly ? BLOCK.subList(0, 4) : BLOCK;
    }

    @Override
    public long[] shape(String name) {
        long d = config.nEmbd();
        long inner = config.nInner();
        return switch (name) {
            case "ln_1.weight", "ln_1.bias", "ln_2.weight", "ln_2.bias", "attn.c_proj.bias", "mlp.c_proj.bias" ->
                    new long[] {d};
            case "attn.c_attn.weight" -> new long[] {d, 3 * d};
            case "attn.c_attn.bias" -> new long[] {3 * d};
            case "attn.c_proj.weight" -> new long[] {d, d};
            case "mlp.c_fc.weight" -> new long[] {d, inner};
            case "mlp.c_fc.bias" -> new long[] {inner};
            case "mlp.c_proj.weight" -> new long[] {inner, d};
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Override
    public NDArray[] projections(LayerWeights w, NDArray hidden) {
        NDArray x = Blocks.layerNorm(hidden, w.get("ln_1.weight"), w.get("ln_1.bias"), config.layerNormEpsilon());
        NDArray qkv = Blocks.conv1d(x, w.get("attn.c_attn.weight"), w.get("attn.c_attn.bias"));
        int d = config.nEmbd();
        return new NDArray[] {qkv.get(new NDIndex(":, 0:{}", d)), qkv.get(new NDIndex(":, {}:{}", d, 2 * d)),
                qkv.get(new NDIndex(":, {}:", 2 * d))};
    }

    @Override
    public NDArray finish(LayerWeights w, NDArray hidden, NDArray attention) {
        NDArray h1 = hidden.add(Blocks.conv1d(attention, w.get("attn.c_proj.weight"), w.get("attn.c_proj.bias")));
        NDArray m = Blocks.layerNorm(h1, w.get("ln_2.weight"), w.get("ln_2.bias"), config.layerNormEpsilon());
        NDArray f = Blocks.geluNew(Blocks.conv1d(m, w.get("mlp.c_fc.weight"), w.get("mlp.c_fc.bias")));
        return h1.add(Blocks.conv1d(f, w.get("mlp.c_proj.weight"), w.get("mlp.c_proj.bias")));
    }

    /** HF's GPT-2 score scaling for block {@code layer}, as divisions (the golden values depend on the order). */
    @Override
    public NDArray scaleScores(NDArray scores, int layer, int headDim) {
        NDArray out = scores;
        if (config.scaleAttnWeights()) {
            out = out.div((float) Math.sqrt(config.headDim()));
        }
        if (config.scaleAttnByInverseLayerIdx()) {
            out = out.div((float) (layer + 1));
        }
        return out;
    }
}
